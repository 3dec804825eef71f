import { Link, Navigate } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isManager, useMe } from "@/lib/current-user";
import { useTeamOperators } from "../api/team";
import { useTeamT } from "../i18n";
import { teamPath } from "../paths";

/** /equipe — the operators whose team one manages (straight to it when there is one). */
export function TeamsRoute() {
  const { t } = useTeamT();
  const me = useMe();
  const allowed = isManager(me.data);
  const operators = useTeamOperators({ enabled: allowed });
  const only = operators.data?.length === 1 ? operators.data[0] : undefined;
  if (only && !me.data?.is_network_admin) return <Navigate to={teamPath(only.id)} replace />;
  return (
    <div className="narrow-page">
      <PageTitle title={t("chooseTitle")} />
      <h1>{t("chooseTitle")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("loginRequired")} <Link to="/connexion?next=%2Fequipe">{t("login")}</Link>
        </p>
      ) : null}
      {me.data && !allowed ? <p role="alert">{t("notAllowed")}</p> : null}
      {operators.isPending && allowed ? <Loading /> : null}
      {operators.error ? <ErrorAlert error={operators.error} /> : null}
      {operators.data?.length === 0 ? <p>{t("noOperator")}</p> : null}
      {operators.data?.length ? (
        <>
          <p>{t("chooseIntro")}</p>
          <ul className="plain-list">
            {operators.data.map((operator) => (
              <li key={operator.id}>
                <Link to={teamPath(operator.id)}>{operator.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
