import { NavLink } from "react-router";
import { useAuditT } from "../i18n";
import { auditPaths } from "../paths";

/** The header's link to the audit trail (the layout shows it to managers and the network). */
export function JournalNavLink() {
  const { t } = useAuditT();
  return (
    <li>
      <NavLink to={auditPaths.journal}>{t("nav")}</NavLink>
    </li>
  );
}
