import { useId } from "react";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { intlLocale } from "@/lib/i18n";
import { formatMoney } from "@/lib/format";
import { settlementFileUrl, useSettlements, type Settlement } from "../api/review";
import { useNetworkAdminT } from "../i18n";

function monthLabel(settlement: Settlement, language: string): string {
  const instant = new Date(Date.UTC(settlement.year, settlement.month - 1, 15, 12));
  return new Intl.DateTimeFormat(intlLocale(language), {
    month: "long",
    year: "numeric",
    timeZone: "Europe/Paris",
  }).format(instant);
}

/** Monthly statements per operator (scoped by the API), with their PDF and CSV. */
export function SettlementsSection() {
  const { t, language } = useNetworkAdminT();
  const id = useId();
  const settlements = useSettlements();
  const money = (amount: string, currency: string) => formatMoney(amount, currency, language);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("settlements.title")}</h2>
      <p>{t("settlements.intro")}</p>
      {settlements.isPending ? <Loading /> : null}
      {settlements.isError ? (
        <ErrorAlert error={settlements.error} onRetry={() => void settlements.refetch()} />
      ) : null}
      {settlements.data && settlements.data.results.length === 0 ? (
        <p>{t("settlements.none")}</p>
      ) : null}
      {settlements.data && settlements.data.results.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("settlements.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("settlements.operator")}</th>
                <th scope="col">{t("settlements.month")}</th>
                <th scope="col">{t("settlements.status")}</th>
                <th scope="col" className="numeric">
                  {t("settlements.collected")}
                </th>
                <th scope="col" className="numeric">
                  {t("settlements.redemptions")}
                </th>
                <th scope="col" className="numeric">
                  {t("settlements.commission")}
                </th>
                <th scope="col" className="numeric">
                  {t("settlements.due")}
                </th>
                <th scope="col">{t("settlements.files")}</th>
              </tr>
            </thead>
            <tbody>
              {settlements.data.results.map((row) => {
                const month = monthLabel(row, language);
                const currency = row.currency ?? "EUR";
                return (
                  <tr key={row.id}>
                    <th scope="row">{row.operator.name}</th>
                    <td>{month}</td>
                    <td>
                      {row.status === "closed" ? t("settlements.closed") : t("settlements.draft")}
                    </td>
                    <td className="numeric">{money(row.total_collected ?? "0", currency)}</td>
                    <td className="numeric">{money(row.total_redemptions ?? "0", currency)}</td>
                    <td className="numeric">{money(row.commission_net ?? "0", currency)}</td>
                    <td className="numeric">
                      <strong>{money(row.amount_due ?? "0", currency)}</strong>
                    </td>
                    <td>
                      {row.has_pdf ? (
                        <a
                          href={settlementFileUrl(row.id, "pdf")}
                          download
                          aria-label={t("settlements.pdfOf", {
                            operator: row.operator.name,
                            month,
                          })}
                        >
                          {t("settlements.pdf")}
                        </a>
                      ) : null}{" "}
                      {row.has_csv ? (
                        <a
                          href={settlementFileUrl(row.id, "csv")}
                          download
                          aria-label={t("settlements.csvOf", {
                            operator: row.operator.name,
                            month,
                          })}
                        >
                          {t("settlements.csv")}
                        </a>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
