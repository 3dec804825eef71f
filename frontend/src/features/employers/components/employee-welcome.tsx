import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { useEmployersT } from "../i18n";

type EmployeeWelcomeProps = {
  /** This page's path, to come back to after logging in. */
  here: string;
  /** What the employee is about to accept (who invites, which domain). */
  intro: ReactNode;
  actionLabel: string;
  /** Accepts; resolves with the employer's name. */
  accept: () => Promise<{ employer_name: string }>;
};

/** Log in (or sign up) first, then come back to `here`. */
export function LoginFirst({ here, message }: { here: string; message: string }) {
  const { t } = useEmployersT();
  const next = encodeURIComponent(here);
  return (
    <>
      <p>{message}</p>
      <p className="action-row">
        <Link className="button" to={`/connexion?next=${next}`}>
          {t("common.login")}
        </Link>
        <Link className="button button-secondary" to={`/inscription?next=${next}`}>
          {t("welcome.signup")}
        </Link>
      </p>
    </>
  );
}

/**
 * The employee's side of an invitation or a join link: log in (or sign up) first and come
 * back, read what the employer will and will not see, then accept.
 */
export function EmployeeWelcome({ here, intro, actionLabel, accept }: EmployeeWelcomeProps) {
  const { t } = useEmployersT();
  const me = useMe();
  const mutation = useMutation({ mutationFn: accept });

  if (me.isPending) return <Loading />;
  return (
    <>
      {intro}
      <div className="alert alert-info">
        <p className="alert-title">{t("welcome.privacyTitle")}</p>
        <p>{t("welcome.privacy")}</p>
      </div>
      {me.data === null ? (
        <LoginFirst here={here} message={t("welcome.loginFirst")} />
      ) : mutation.isSuccess ? (
        <SuccessAlert>
          <p className="alert-title">
            {t("welcome.done", { employer: mutation.data.employer_name })}
          </p>
          <p>{t("welcome.doneNext")}</p>
          <p className="action-row">
            <Link to="/reserver">{t("welcome.book")}</Link>
            <Link to="/portefeuille">{t("welcome.allowance")}</Link>
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
            {actionLabel}
          </button>
        </>
      )}
    </>
  );
}
