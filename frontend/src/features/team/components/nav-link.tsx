import { NavLink } from "react-router";
import { useTeamT } from "../i18n";
import { teamPaths } from "../paths";

/** "Équipe", for the user menu of a manager (a list item). */
export function TeamNavLink() {
  const { t } = useTeamT();
  return (
    <li>
      <NavLink to={teamPaths.teams} end={false}>
        {t("nav")}
      </NavLink>
    </li>
  );
}

/** "Accueil", the front desk's day, for the user menu of the front desk (a list item). */
export function FrontDeskNavLink() {
  const { t } = useTeamT();
  return (
    <li>
      <NavLink to={teamPaths.frontDesk}>{t("frontDeskNav")}</NavLink>
    </li>
  );
}
