import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { FormField } from "@/components/ui/form-field";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import { errorsFor, errorSummary } from "../api/allauth";
import { useResetPassword } from "../api/hooks";
import { FormErrors } from "../components/form-errors";

/** Target of the link in the password-reset email. */
export function PasswordResetRoute() {
  const { t } = useTranslation();
  const fieldError = (field: string, message: string) => t("app.fieldError", { field, message });
  const { key = "" } = useParams();
  const reset = useResetPassword();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string[]> = {};
    if (!password) found.password = [t("auth.required")];
    else if (confirm !== password) found.confirm = [t("auth.passwordsDiffer")];
    setClientErrors(found);
    if (Object.keys(found).length) return;
    reset.mutate({ key, password });
  };

  const result = reset.data;
  const errors = result?.status === 400 ? result.errors : [];
  const keyErrors = errorsFor(errors, "key");

  let body;
  if (result?.status === 200 || result?.status === 401) {
    body = (
      <>
        <SuccessAlert>
          <p>{result.status === 200 ? t("auth.resetDoneLoggedIn") : t("auth.resetDoneLogin")}</p>
        </SuccessAlert>
        <p>
          {result.status === 200 ? (
            <Link to="/">{t("auth.goHome")}</Link>
          ) : (
            <Link to="/connexion">{t("auth.goToLogin")}</Link>
          )}
        </p>
      </>
    );
  } else if (keyErrors.length) {
    body = (
      <>
        <ErrorAlert>
          <p>{t("auth.resetInvalidKey")}</p>
        </ErrorAlert>
        <p>
          <Link to="/mot-de-passe-oublie">{t("auth.requestNewLink")}</Link>
        </p>
      </>
    );
  } else {
    body = (
      <>
        <FormErrors
          messages={[
            ...errorSummary(errors, { password: t("auth.newPassword") }, fieldError),
            ...(result && result.status !== 400 ? [t("auth.resetFailed")] : []),
          ]}
          failure={reset.error}
        />
        <form className="stack-form" onSubmit={onSubmit} noValidate>
          <FormField
            label={t("auth.newPassword")}
            hint={t("auth.passwordHint")}
            type="password"
            name="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            errors={[...(clientErrors.password ?? []), ...errorsFor(errors, "password")]}
          />
          <FormField
            label={t("auth.passwordConfirm")}
            type="password"
            name="password-confirm"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(event) => setConfirm(event.target.value)}
            errors={clientErrors.confirm ?? []}
          />
          <button type="submit" className="button" disabled={reset.isPending}>
            {t("auth.resetSubmit")}
          </button>
        </form>
      </>
    );
  }

  return (
    <div className="narrow-page">
      <PageTitle title={t("auth.resetTitle")} />
      <h1>{t("auth.resetTitle")}</h1>
      {body}
    </div>
  );
}
