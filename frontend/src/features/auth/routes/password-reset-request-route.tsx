import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FormField } from "@/components/ui/form-field";
import { PageTitle } from "@/components/ui/page-title";
import { SuccessAlert } from "@/components/ui/status";
import { errorsFor, errorSummary } from "../api/allauth";
import { useRequestPasswordReset } from "../api/hooks";
import { FormErrors } from "../components/form-errors";

export function PasswordResetRequestRoute() {
  const { t } = useTranslation();
  const fieldError = (field: string, message: string) => t("app.fieldError", { field, message });
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState("");
  const [missing, setMissing] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissing(!email.trim());
    if (!email.trim()) return;
    request.mutate(email.trim());
  };

  const result = request.data;
  const errors = result?.status === 400 ? result.errors : [];
  const sent = result !== undefined && result.status !== 400;

  return (
    <div className="narrow-page">
      <PageTitle title={t("auth.resetRequestTitle")} />
      <h1>{t("auth.resetRequestTitle")}</h1>
      {sent ? (
        <>
          <SuccessAlert>
            <p>{t("auth.resetRequestSent", { email: email.trim() })}</p>
          </SuccessAlert>
          <p>
            <Link to="/connexion">{t("auth.goToLogin")}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t("auth.resetRequestIntro")}</p>
          <FormErrors
            messages={errorSummary(errors, { email: t("auth.email") }, fieldError)}
            failure={request.error}
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
              errors={[...(missing ? [t("auth.required")] : []), ...errorsFor(errors, "email")]}
            />
            <button type="submit" className="button" disabled={request.isPending}>
              {t("auth.resetRequestSubmit")}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
