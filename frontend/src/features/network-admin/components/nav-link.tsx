import { NavLink } from "react-router";
import { useNetworkAdminT } from "../i18n";
import { networkAdminPaths } from "../paths";

/** "Réseau", the network team's home (what waits for it), for a network admin's menu. */
export function NetworkHomeNavLink() {
  const { t } = useNetworkAdminT();
  return (
    <li>
      <NavLink to={networkAdminPaths.home} end>
        {t("home.nav")}
      </NavLink>
    </li>
  );
}

/** "Revue du réseau", for the user menu of a network admin (a list item). */
export function NetworkReviewNavLink() {
  const { t } = useNetworkAdminT();
  return (
    <li>
      <NavLink to={networkAdminPaths.review}>{t("nav")}</NavLink>
    </li>
  );
}

/** "Structures", the network's operators, for the user menu of a network admin. */
export function NetworkOperatorsNavLink() {
  const { t } = useNetworkAdminT();
  return (
    <li>
      <NavLink to={networkAdminPaths.operators}>{t("operators.nav")}</NavLink>
    </li>
  );
}
