import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useMe } from "../api/get-me";
import { useDataExports, useRequestDataExport } from "../api/data-exports";
import { ErasureSection } from "../components/erasure-section";

/** « Mes données »: ask for an export of everything Ostal holds on me, follow it, download. */
export function DataRoute() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const exports = useDataExports();
  const request = useRequestDataExport();
  const date = (value: string | null | undefined) =>
    value
      ? new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "fr-FR", {
          dateStyle: "long",
          timeZone: "Europe/Paris",
        }).format(new Date(value))
      : "";
  return (
    <div className="narrow-page">
      <PageTitle title={t("data.title")} />
      <h1>{t("data.title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("account.loginRequired")}{" "}
          <Link to="/connexion?next=/compte/donnees">{t("auth.login")}</Link>
        </p>
      ) : null}
      {me.data ? (
        <>
          <p>{t("data.intro")}</p>
          {request.error ? <ErrorAlert error={request.error} /> : null}
          <button
            type="button"
            className="button"
            disabled={request.isPending}
            onClick={() => request.mutate()}
          >
            {t("data.request")}
          </button>
          {exports.isError ? <ErrorAlert error={exports.error} /> : null}
          {exports.data?.length ? (
            <ul className="plain-list" aria-label={t("data.list")}>
              {exports.data.map((item) => (
                <li key={item.reference}>
                  {item.status === "ready" ? (
                    <>
                      {t("data.ready", { date: date(item.expires_at) })}{" "}
                      <a href={`/api/v1/me/data-exports/${item.reference}/download/`}>
                        {t("data.json")}
                      </a>{" "}
                      ·{" "}
                      <a href={`/api/v1/me/data-exports/${item.reference}/summary/`}>
                        {t("data.summary")}
                      </a>
                    </>
                  ) : item.status === "pending" || item.status === "running" ? (
                    <>
                      <label htmlFor={`progress-${item.reference}`}>{t("data.preparing")}</label>{" "}
                      <progress id={`progress-${item.reference}`} max={100} value={item.progress}>
                        {item.progress} %
                      </progress>
                    </>
                  ) : (
                    t(item.status === "failed" ? "data.failed" : "data.expired")
                  )}
                </li>
              ))}
            </ul>
          ) : null}
          <ErasureSection />
          <p>
            <Link to="/compte">{t("account.title")}</Link>
          </p>
        </>
      ) : null}
    </div>
  );
}
