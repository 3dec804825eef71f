import { NavLink } from "react-router";
import { useCachedMe } from "../api/dashboards";
import { useDashboardsT } from "../i18n";

/** Header links of the feature: open data for all, dashboards by role (list items). */
export function DashboardsNavLinks() {
  const { t } = useDashboardsT();
  const me = useCachedMe();
  const manager = Boolean(me && (me.is_network_admin || me.managed_operator_ids.length > 0));
  return (
    <>
      {manager ? (
        <li>
          <NavLink to="/tableau-de-bord">{t("nav.manager")}</NavLink>
        </li>
      ) : null}
      {me?.is_network_admin ? (
        <li>
          <NavLink to="/observatoire">{t("nav.network")}</NavLink>
        </li>
      ) : null}
      {me ? (
        <li>
          <NavLink to="/mon-trajet">{t("nav.commute")}</NavLink>
        </li>
      ) : null}
      <li>
        <NavLink to="/donnees-ouvertes">{t("nav.openData")}</NavLink>
      </li>
    </>
  );
}
