import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { FormField } from "@/components/ui/form-field";
import { PageTitle } from "@/components/ui/page-title";
import { SuccessAlert } from "@/components/ui/status";
import { errorsFor, errorSummary } from "../api/allauth";
import { useSignup } from "../api/hooks";
import { FormErrors } from "../components/form-errors";
import { safeNext } from "../utils";

export function SignupRoute() {
  const { t } = useTranslation();
  const fieldError = (field: string, message: string) => t("app.fieldError", { field, message });
  const signup = useSignup();
  // Where the person was going (an employer's invitation...): offered once the account exists.
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string[]> = {};
    if (!email.trim()) found.email = [t("auth.required")];
    if (!password) found.password = [t("auth.required")];
    if (password && confirm !== password) found.confirm = [t("auth.passwordsDiffer")];
    setClientErrors(found);
    if (Object.keys(found).length) return;
    signup.mutate({ email: email.trim(), password });
  };

  const result = signup.data;
  if (result && (result.status === 200 || (result.status === 401 && result.pendingFlow))) {
    const loggedIn = result.status === 200;
    return (
      <div className="narrow-page">
        <PageTitle title={t("auth.checkEmailTitle")} />
        <h1>{loggedIn ? t("auth.signupTitle") : t("auth.checkEmailTitle")}</h1>
        <SuccessAlert>
          <p>
            {loggedIn ? t("auth.signupDone") : t("auth.checkEmailText", { email: email.trim() })}
          </p>
        </SuccessAlert>
        <p>
          {next === "/" ? (
            <Link to="/">{t("auth.goHome")}</Link>
          ) : (
            <Link to={loggedIn ? next : `/connexion?next=${encodeURIComponent(next)}`}>
              {t("auth.continue")}
            </Link>
          )}
        </p>
      </div>
    );
  }

  const errors = result?.status === 400 ? result.errors : [];
  const fieldErrors = (field: string) => [
    ...(clientErrors[field] ?? []),
    ...errorsFor(errors, field),
  ];

  return (
    <div className="narrow-page">
      <PageTitle title={t("auth.signupTitle")} />
      <h1>{t("auth.signupTitle")}</h1>
      <FormErrors
        messages={[
          ...errorSummary(
            errors,
            { email: t("auth.email"), password: t("auth.password") },
            fieldError,
          ),
          ...(result && result.status !== 400 ? [t("auth.signupFailed")] : []),
        ]}
        failure={signup.error}
      />
      <form className="stack-form" onSubmit={onSubmit} noValidate>
        <FormField
          label={t("auth.email")}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          errors={fieldErrors("email")}
        />
        <FormField
          label={t("auth.password")}
          hint={t("auth.passwordHint")}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          errors={fieldErrors("password")}
        />
        <FormField
          label={t("auth.passwordConfirm")}
          type="password"
          name="password-confirm"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
          errors={fieldErrors("confirm")}
        />
        <button type="submit" className="button" disabled={signup.isPending}>
          {t("auth.signupSubmit")}
        </button>
      </form>
      <p>
        {t("auth.signupHaveAccount")} <Link to="/connexion">{t("auth.login")}</Link>
      </p>
    </div>
  );
}
