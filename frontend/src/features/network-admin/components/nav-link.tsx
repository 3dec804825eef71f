import { NavLink } from "react-router";
import { useNetworkAdminT } from "../i18n";
import { networkAdminPaths } from "../paths";

/** "Revue du réseau", for the user menu of a network admin (a list item). */
export function NetworkReviewNavLink() {
  const { t } = useNetworkAdminT();
  return (
    <li>
      <NavLink to={networkAdminPaths.review}>{t("nav")}</NavLink>
    </li>
  );
}
