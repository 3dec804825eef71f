import { Link, useParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import { useMe } from "@/lib/current-user";
import { formatInstantDate } from "@/lib/format";
import { useAcceptInvitation, useInvitationPreview } from "../api/team";
import { useTeamT } from "../i18n";

/**
 * /invitation-equipe/:token — the link of the invitation e-mail: see who invites, to do what;
 * log in (or sign up) with the invited address and come back; accept.
 */
export function InvitationRoute() {
  const { t, language } = useTeamT();
  const token = useParams().token ?? "";
  const here = encodeURIComponent(`/invitation-equipe/${token}`);
  const preview = useInvitationPreview(token);
  const me = useMe();
  const accept = useAcceptInvitation();

  let body;
  if (preview.isPending || me.isPending) body = <Loading />;
  else if (preview.error) {
    body = isApiError(preview.error, 404) ? (
      <p role="alert">{t("accept.unknown")}</p>
    ) : (
      <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />
    );
  } else if (accept.isSuccess) {
    body = (
      <SuccessAlert>
        <p className="alert-title">{t("accept.done", { operator: accept.data.operator_name })}</p>
        <p>
          {accept.data.role === "manager" ? (
            <Link to="/gestion">{t("accept.goManage")}</Link>
          ) : (
            <Link to="/accueil">{t("accept.goFrontDesk")}</Link>
          )}
        </p>
      </SuccessAlert>
    );
  } else {
    const invitation = preview.data;
    const role = t(`roles.${invitation.role}`);
    body = (
      <>
        <p>{t("accept.intro", { operator: invitation.operator_name, role })}</p>
        <p>{invitation.role === "manager" ? t("accept.managerDoes") : t("accept.frontDeskDoes")}</p>
        {invitation.state === "expired" ? <p role="alert">{t("accept.expired")}</p> : null}
        {invitation.state === "accepted" || invitation.state === "revoked" ? (
          <p role="alert">{t("accept.used")}</p>
        ) : null}
        {invitation.state === "open" ? (
          <>
            <p>
              {t("accept.validUntil", {
                date: formatInstantDate(invitation.expires_at, "Europe/Paris", language, "medium"),
              })}
            </p>
            {me.data === null ? (
              <>
                <p>{t("accept.loginFirst")}</p>
                <p className="action-row">
                  <Link className="button" to={`/connexion?next=${here}`}>
                    {t("login")}
                  </Link>
                  <Link className="button button-secondary" to={`/inscription?next=${here}`}>
                    {t("accept.signup")}
                  </Link>
                </p>
              </>
            ) : (
              <>
                <p>{t("accept.loggedInAs", { email: me.data?.email ?? "" })}</p>
                {accept.error ? <ErrorAlert error={accept.error} /> : null}
                <button
                  type="button"
                  className="button"
                  disabled={accept.isPending}
                  onClick={() => accept.mutate(token)}
                >
                  {t("accept.button")}
                </button>
              </>
            )}
          </>
        ) : null}
      </>
    );
  }
  return (
    <div className="narrow-page">
      <PageTitle title={t("accept.title")} />
      <h1>{t("accept.title")}</h1>
      {body}
    </div>
  );
}
