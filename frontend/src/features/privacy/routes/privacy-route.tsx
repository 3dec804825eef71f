import { Link } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { usePrivacyT } from "../i18n";

const ROWS = [
  "accounts",
  "bookings",
  "money",
  "employer",
  "commute",
  "feeds",
  "notifications",
  "searches",
  "figures",
  "exports",
  "audit",
  "logs",
] as const;
const COLUMNS = ["data", "purpose", "basis", "retention", "who"] as const;
const RIGHTS = [
  "access",
  "rectification",
  "consent",
  "erasure",
  "recipients",
  "complaint",
] as const;

/** /confidentialite — the register of processing (docs/privacy.md) in plain words, and rights. */
export function PrivacyRoute() {
  const { t } = usePrivacyT();
  return (
    <div className="privacy-page">
      <PageTitle title={t("title")} />
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <div className="table-scroll">
        <table className="data-table">
          <caption>{t("registerCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.processing")}</th>
              {COLUMNS.map((column) => (
                <th scope="col" key={column}>
                  {t(`columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row}>
                <th scope="row">{t(`rows.${row}.processing`)}</th>
                {COLUMNS.map((column) => (
                  <td key={column}>{t(`rows.${row}.${column}`)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("rightsTitle")}</h2>
      <ul>
        {RIGHTS.map((right) => (
          <li key={right}>{t(`rights.${right}`)}</li>
        ))}
      </ul>
      <p>
        <Link to="/compte/donnees">{t("myData")}</Link>
      </p>
    </div>
  );
}
