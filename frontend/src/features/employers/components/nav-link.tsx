import { NavLink } from "react-router";
import { useEmployersT } from "../i18n";
import { employersPaths } from "../paths";

/** "Espace employeur", for the user menu of a logged-in user (a list item). */
export function EmployerAreaNavLink() {
  const { t } = useEmployersT();
  return (
    <li>
      <NavLink to={employersPaths.area}>{t("nav.area")}</NavLink>
    </li>
  );
}
