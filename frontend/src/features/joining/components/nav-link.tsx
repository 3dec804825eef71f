import { NavLink } from "react-router";
import { useJoiningT } from "../i18n";
import { joiningPaths } from "../paths";

/** "Candidatures", for the user menu of a network admin (a list item). */
export function ApplicationsNavLink() {
  const { t } = useJoiningT();
  return (
    <li>
      <NavLink to={joiningPaths.applications}>{t("pipeline.nav")}</NavLink>
    </li>
  );
}

/** "Rejoindre le réseau", the public link in the site's footer. */
export function ApplyLink() {
  const { t } = useJoiningT();
  return <NavLink to={joiningPaths.apply}>{t("apply.nav")}</NavLink>;
}
