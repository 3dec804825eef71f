import { useMutation } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { acceptAdminInvitation } from "../api/employers";
import { LoginFirst } from "../components/employee-welcome";
import { useEmployersT } from "../i18n";
import { employerPath } from "../paths";

/**
 * The link of the e-mail inviting someone to administer an employer: log in (or sign up) with
 * the invited address, then accept. Nothing changes until then.
 */
export function AdminInvitationRoute() {
  const { t } = useEmployersT();
  const token = useParams().token ?? "";
  const me = useMe();
  const mutation = useMutation({ mutationFn: () => acceptAdminInvitation(token) });
  const here = `/invitation-admin-employeur/${encodeURIComponent(token)}`;
  return (
    <div className="narrow-page">
      <PageTitle title={t("adminWelcome.title")} />
      <h1>{t("adminWelcome.title")}</h1>
      <p>{t("adminWelcome.intro")}</p>
      {me.isPending ? (
        <Loading />
      ) : me.data === null ? (
        <LoginFirst here={here} message={t("adminWelcome.loginFirst")} />
      ) : mutation.isSuccess ? (
        <SuccessAlert>
          <p className="alert-title">
            {t("adminWelcome.done", { employer: mutation.data.employer_name })}
          </p>
          <p>
            <Link to={employerPath(mutation.data.employer_id)}>{t("adminWelcome.open")}</Link>
          </p>
        </SuccessAlert>
      ) : (
        <>
          <p>{t("welcome.loggedInAs", { email: me.data?.email ?? "" })}</p>
          {mutation.error ? <ErrorAlert error={mutation.error} /> : null}
          <button
            type="button"
            className="button"
            disabled={mutation.isPending}
            onClick={() => mutation.mutate()}
          >
            {t("welcome.accept")}
          </button>
        </>
      )}
    </div>
  );
}
