import { Link, useParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isManager, useMe } from "@/lib/current-user";
import { useTeamOperators } from "../api/team";
import { TeamPanel } from "../components/team-panel";
import { useTeamT } from "../i18n";
import "../team.css";

/** /equipe/:operatorId — an operator's team, for its managers and the network. */
export function TeamRoute() {
  const { t } = useTeamT();
  const operatorId = Number(useParams().operatorId);
  const me = useMe();
  const allowed = isManager(me.data);
  const operators = useTeamOperators({ enabled: allowed });
  const operator = operators.data?.find((candidate) => candidate.id === operatorId);
  const title = operator ? t("title", { operator: operator.name }) : t("chooseTitle");
  return (
    <div className="narrow-page team-page">
      <PageTitle title={title} />
      <h1>{title}</h1>
      {me.isPending ? <Loading /> : null}
      {me.isError ? <ErrorAlert error={me.error} onRetry={() => void me.refetch()} /> : null}
      {me.data === null ? (
        <p>
          {t("loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(`/equipe/${operatorId}`)}`}>
            {t("login")}
          </Link>
        </p>
      ) : null}
      {me.data && !allowed ? <p role="alert">{t("notAllowed")}</p> : null}
      {allowed && operators.isPending ? <Loading /> : null}
      {allowed && operators.error ? <ErrorAlert error={operators.error} /> : null}
      {allowed && operators.data && !operator ? <p role="alert">{t("notAllowed")}</p> : null}
      {operator ? <TeamPanel operatorId={operator.id} meId={me.data?.id} /> : null}
    </div>
  );
}
