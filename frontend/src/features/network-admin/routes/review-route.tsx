import { Link } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isManager, useMe } from "@/lib/current-user";
import { IssuesSection } from "../components/issues-section";
import { SettlementsSection } from "../components/settlements-section";
import { useNetworkAdminT } from "../i18n";
import { networkAdminPaths } from "../paths";
import "../review.css";

/**
 * /reseau/revue: reconciliation differences (network admins) and monthly settlements
 * (network admins: every operator; a manager: the operators they manage, as the API scopes).
 */
export function ReviewRoute() {
  const { t } = useNetworkAdminT();
  const me = useMe();
  return (
    <div className="review-page">
      <PageTitle title={t("title")} />
      <h1>{t("title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.isError ? <ErrorAlert error={me.error} onRetry={() => void me.refetch()} /> : null}
      {me.data === null ? (
        <p>
          {t("loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(networkAdminPaths.review)}`}>
            {t("login")}
          </Link>
        </p>
      ) : null}
      {me.data && !isManager(me.data) ? <p role="alert">{t("notAllowed")}</p> : null}
      {me.data?.is_network_admin ? <IssuesSection /> : null}
      {me.data && isManager(me.data) ? <SettlementsSection /> : null}
    </div>
  );
}
