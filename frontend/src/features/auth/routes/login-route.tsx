import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { FormField } from "@/components/ui/form-field";
import { PageTitle } from "@/components/ui/page-title";
import { errorsFor, errorSummary } from "../api/allauth";
import { useLogin } from "../api/hooks";
import { FormErrors } from "../components/form-errors";
import { safeNext } from "../utils";

export function LoginRoute() {
  const { t } = useTranslation();
  const fieldError = (field: string, message: string) => t("app.fieldError", { field, message });
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get("next"));
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState<string[]>([]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const empty = [!email.trim() && "email", !password && "password"].filter(
      (field): field is string => Boolean(field),
    );
    setMissing(empty);
    if (empty.length) return;
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (result) => {
          if (result.status === 200 || result.status === 409) void navigate(next);
        },
      },
    );
  };

  const errors = login.data?.status === 400 ? login.data.errors : [];
  const pendingVerification =
    login.data?.status === 401 && login.data.pendingFlow === "verify_email";
  const required = (field: string) => (missing.includes(field) ? [t("auth.required")] : []);

  return (
    <div className="narrow-page">
      <PageTitle title={t("auth.loginTitle")} />
      <h1>{t("auth.loginTitle")}</h1>
      <FormErrors
        messages={[
          ...errorSummary(
            errors,
            { email: t("auth.email"), password: t("auth.password") },
            fieldError,
          ),
          ...(pendingVerification ? [t("auth.loginPendingVerification")] : []),
          ...(login.data && [401, 403].includes(login.data.status) && !pendingVerification
            ? [t("auth.loginFailed")]
            : []),
        ]}
        failure={login.error}
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
          errors={[...required("email"), ...errorsFor(errors, "email")]}
        />
        <FormField
          label={t("auth.password")}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          errors={[...required("password"), ...errorsFor(errors, "password")]}
        />
        <button type="submit" className="button" disabled={login.isPending}>
          {t("auth.loginSubmit")}
        </button>
      </form>
      <p>
        <Link to="/mot-de-passe-oublie">{t("auth.forgotPassword")}</Link>
      </p>
      <p>
        {t("auth.loginNoAccount")}{" "}
        <Link to={next === "/" ? "/inscription" : `/inscription?next=${encodeURIComponent(next)}`}>
          {t("auth.signup")}
        </Link>
      </p>
    </div>
  );
}
