import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, localizedMessage } from "@/lib/api/errors";

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t("app.loading")}
    </p>
  );
}

type ErrorAlertProps = {
  error?: unknown;
  title?: ReactNode;
  onRetry?: () => void;
  children?: ReactNode;
};

/** An error message announced to screen readers, with an optional retry button. */
export function ErrorAlert({ error, title, onRetry, children }: ErrorAlertProps) {
  const { t, i18n } = useTranslation();
  let message: string | undefined;
  if (error instanceof ApiError && error.body.message) {
    message = localizedMessage(error.body.message, i18n.language);
  } else if (error instanceof TypeError) message = t("app.networkError");
  return (
    <div className="alert alert-error" role="alert">
      {title ? <p className="alert-title">{title}</p> : null}
      {children ?? <p>{message ?? t("app.genericError")}</p>}
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t("app.retry")}
        </button>
      ) : null}
    </div>
  );
}

export function SuccessAlert({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}
