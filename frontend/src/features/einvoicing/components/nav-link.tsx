import { NavLink } from "react-router";
import { useEInvoicingT } from "../i18n";
import { einvoicingPaths } from "../paths";

/** "Facturation électronique", for the user menu of a manager (a list item). */
export function EInvoicingNavLink() {
  const { t } = useEInvoicingT();
  return (
    <li>
      <NavLink to={einvoicingPaths.home} end={false}>
        {t("nav")}
      </NavLink>
    </li>
  );
}
