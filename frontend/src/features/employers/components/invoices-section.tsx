import { EInvoiceStatus } from "@/components/einvoice-status/einvoice-status";
import { useEInvoiceStatusT } from "@/components/einvoice-status/labels";
import { Badge } from "@/components/ui/badge";
import { formatInstantDate, formatMoney } from "@/lib/format";
import { useEmployerInvoices } from "../api/employers";
import { useEmployersT } from "../i18n";
import { QueryState } from "./common";

/** "Factures": the bundle invoices and the monthly overage invoices, each as a PDF. */
export function InvoicesSection({ employerId }: { employerId: number }) {
  const { t, language } = useEmployersT();
  const { t: einvoiceT } = useEInvoiceStatusT();
  const invoices = useEmployerInvoices(employerId);
  const list = invoices.data ?? [];
  return (
    <>
      <p className="section-hint">{t("invoices.intro")}</p>
      <QueryState query={invoices} />
      {invoices.data && !list.length ? <p>{t("invoices.none")}</p> : null}
      {list.length ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("invoices.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invoices.number")}</th>
                <th scope="col">{t("invoices.date")}</th>
                <th scope="col">{t("invoices.seller")}</th>
                <th scope="col" className="numeric">
                  {t("invoices.total")}
                </th>
                <th scope="col">{t("invoices.status")}</th>
                <th scope="col">{einvoiceT("column")}</th>
                <th scope="col">{t("invoices.pdf")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((invoice) => (
                <tr key={invoice.reference}>
                  <th scope="row">
                    {invoice.number}
                    {invoice.doc_type === "credit_note" ? (
                      <span className="cell-detail">{t("invoices.creditNote")}</span>
                    ) : null}
                  </th>
                  <td>
                    {formatInstantDate(invoice.issued_at, "Europe/Paris", language, "medium")}
                  </td>
                  <td>{invoice.seller_name}</td>
                  <td className="numeric">
                    {formatMoney(invoice.total_gross, invoice.currency ?? "EUR", language)}
                  </td>
                  <td>
                    {invoice.paid_at ? (
                      <Badge tone="success">{t("invoices.paid")}</Badge>
                    ) : (
                      <Badge tone="info">{t("invoices.unpaid")}</Badge>
                    )}
                  </td>
                  <td>
                    <EInvoiceStatus einvoice={invoice.einvoice} />
                  </td>
                  <td>
                    <a href={invoice.pdf_url} download>
                      {t("invoices.download", { number: invoice.number })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
