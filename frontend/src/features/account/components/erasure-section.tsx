import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { ApiError, localizedMessage } from "@/lib/api/errors";
import { useEraseAccount, useErasureCheck } from "../api/erasure";
import { useErasureT } from "../erasure-i18n";

/** « Supprimer mon compte »: why it cannot be done yet, or the password and a confirmation. */
export function ErasureSection() {
  const { t, language } = useErasureT();
  const id = useId();
  const check = useErasureCheck();
  const erase = useEraseAccount();
  const [password, setPassword] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const passwordErrors =
    erase.error instanceof ApiError
      ? (erase.error.fieldErrors.password ?? []).map((m) => localizedMessage(m, language))
      : [];

  if (erase.isSuccess) return <SuccessAlert>{t("done")}</SuccessAlert>;

  function submit(event: FormEvent) {
    event.preventDefault();
    erase.mutate(password);
  }
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("title")}</h2>
      <p>{t("intro")}</p>
      <p>
        <Link to="/confidentialite">{t("privacyLink")}</Link>
      </p>
      {check.isPending ? <Loading /> : null}
      {check.error ? <ErrorAlert error={check.error} onRetry={() => void check.refetch()} /> : null}
      {check.data && !check.data.allowed ? (
        <div className="alert alert-error" role="alert">
          <p>{t("refused")}</p>
          <ul className="plain-list">
            {check.data.messages.map((message) => (
              <li key={message}>{localizedMessage(message, language)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {check.data?.allowed ? (
        <form aria-labelledby={`${id}-title`} onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t("password")}</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={passwordErrors.length > 0 ? true : undefined}
              aria-describedby={passwordErrors.length > 0 ? `${id}-password-errors` : undefined}
            />
            {passwordErrors.length > 0 ? (
              <ul className="field-errors" id={`${id}-password-errors`}>
                {passwordErrors.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            ) : null}
          </div>
          <div className="checkbox-field">
            <input
              id={`${id}-confirm`}
              type="checkbox"
              checked={confirmed}
              onChange={(event) => setConfirmed(event.target.checked)}
            />
            <label htmlFor={`${id}-confirm`}>{t("confirm")}</label>
          </div>
          {erase.error && passwordErrors.length === 0 ? <ErrorAlert error={erase.error} /> : null}
          <button
            type="submit"
            className="button button-danger"
            disabled={!confirmed || erase.isPending}
          >
            {erase.isPending ? t("deleting") : t("submit")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
