import { useTranslation } from "react-i18next";
import { AllauthRequestError } from "../api/allauth";

/** The form's error summary (server errors or a transport failure), announced at once. */
export function FormErrors({ messages, failure }: { messages: string[]; failure?: unknown }) {
  const { t } = useTranslation();
  const all = [...messages];
  if (failure) {
    all.push(
      failure instanceof AllauthRequestError ? t("app.genericError") : t("app.networkError"),
    );
  }
  if (all.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{t("auth.errorSummary")}</p>
      <ul>
        {all.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
