import { NavLink } from "react-router";
import { useCoverageT } from "./i18n";
import { coveragePaths } from "./paths";

/** "Couverture du territoire", for the user menu of a network admin (a list item). */
export function CoverageNavLink() {
  const { t } = useCoverageT();
  return (
    <li>
      <NavLink to={coveragePaths.coverage}>{t("nav")}</NavLink>
    </li>
  );
}
