import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EInvoiceStatus } from "@/components/einvoice-status/einvoice-status";
import { useEInvoiceStatusT } from "@/components/einvoice-status/labels";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import type { CreditEntry, CreditLot, Invoice, Payment, Subscription } from "@/lib/api/types";
import { NETWORK_TIME_ZONE } from "@/lib/dates";
import { formatCredits, formatInstantDate, formatMoney } from "@/lib/format";
import { useCancelSubscription } from "../api/wallet";

const TZ = NETWORK_TIME_ZONE;

export function LotsTable({ lots }: { lots: CreditLot[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t("wallet.lots")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("wallet.lot")}</th>
            <th scope="col">{t("wallet.usableAt")}</th>
            <th scope="col">{t("wallet.balance")}</th>
            <th scope="col">{t("wallet.expires")}</th>
          </tr>
        </thead>
        <tbody>
          {lots.map((lot) => (
            <tr key={lot.id}>
              <th scope="row">{lot.plan_name || t(`wallet.source.${lot.source}`)}</th>
              <td>{lot.space ? lot.space.name : t("wallet.allPassPlaces")}</td>
              <td className="numeric">
                {t("wallet.balanceOf", {
                  balance: formatCredits(lot.balance, language),
                  granted: formatCredits(lot.credits_granted, language),
                })}
              </td>
              <td>
                <time dateTime={lot.expires_at}>
                  {formatInstantDate(lot.expires_at, TZ, language, "medium")}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EntriesTable({ entries }: { entries: CreditEntry[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t("wallet.entries")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("wallet.when")}</th>
            <th scope="col">{t("wallet.movement")}</th>
            <th scope="col">{t("wallet.credits")}</th>
            <th scope="col">{t("wallet.usableAt")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatInstantDate(entry.created_at, TZ, language, "medium")}</td>
              <th scope="row">{t(`wallet.entryKind.${entry.kind}`)}</th>
              <td className="numeric">
                {Number(entry.credits) > 0 ? "+" : ""}
                {formatCredits(entry.credits, language)}
              </td>
              <td>{entry.space_name || t("wallet.allPassPlaces")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SubscriptionsList({ subscriptions }: { subscriptions: Subscription[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const cancel = useCancelSubscription();
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <>
      {cancel.error ? <ErrorAlert error={cancel.error} /> : null}
      {cancel.isSuccess ? <SuccessAlert>{t("wallet.subscriptionCancelled")}</SuccessAlert> : null}
      <ul className="booking-list">
        {subscriptions.map((subscription) => (
          <li key={subscription.reference}>
            <article className="booking-card" aria-label={subscription.plan.name}>
              <p>
                <strong>{subscription.plan.name}</strong> —{" "}
                {t(`wallet.subscriptionStatus.${subscription.status ?? "incomplete"}`)}
              </p>
              <p>
                {subscription.credits_left !== null
                  ? t("wallet.creditsLeft", {
                      credits: formatCredits(subscription.credits_left, language),
                    })
                  : t("wallet.unlimited")}
                {subscription.current_period_end
                  ? ` · ${t(
                      subscription.cancel_at_period_end || subscription.status === "cancelled"
                        ? "wallet.endsOn"
                        : "wallet.renewsOn",
                      {
                        date: formatInstantDate(
                          subscription.current_period_end,
                          TZ,
                          language,
                          "medium",
                        ),
                      },
                    )}`
                  : ""}
              </p>
              {subscription.status !== "cancelled" ? (
                confirming === subscription.reference ? (
                  <div
                    className="cancel-confirm"
                    role="group"
                    aria-label={t("wallet.cancelSubscription")}
                  >
                    <p>{t("wallet.cancelSubscriptionWarning")}</p>
                    <div className="action-row">
                      <button
                        type="button"
                        className="button button-danger button-small"
                        disabled={cancel.isPending}
                        onClick={() =>
                          cancel.mutate(subscription.reference, {
                            onSuccess: () => setConfirming(null),
                          })
                        }
                      >
                        {t("wallet.confirmCancelSubscription")}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => setConfirming(null)}
                      >
                        {t("myBookings.keep")}
                      </button>
                    </div>
                  </div>
                ) : (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => setConfirming(subscription.reference)}
                  >
                    {t("wallet.cancelSubscription")}
                  </button>
                )
              ) : null}
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}

export function PaymentsTable({ payments }: { payments: Payment[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t("wallet.payments")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("wallet.when")}</th>
            <th scope="col">{t("wallet.description")}</th>
            <th scope="col">{t("wallet.seller")}</th>
            <th scope="col">{t("wallet.amount")}</th>
            <th scope="col">{t("wallet.status")}</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((payment) => (
            <tr key={payment.reference}>
              <td>{formatInstantDate(payment.created_at, TZ, language, "medium")}</td>
              <th scope="row">{payment.description}</th>
              <td>{payment.seller_name}</td>
              <td className="numeric">
                {formatMoney(payment.amount, payment.currency ?? "EUR", language)}
              </td>
              <td>
                {t(`wallet.paymentStatus.${payment.status ?? "requires_payment"}`)}
                {payment.amount_refunded && Number(payment.amount_refunded) > 0
                  ? ` (${t("wallet.refunded", {
                      amount: formatMoney(
                        payment.amount_refunded,
                        payment.currency ?? "EUR",
                        language,
                      ),
                    })})`
                  : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function InvoicesTable({ invoices }: { invoices: Invoice[] }) {
  const { t, i18n } = useTranslation();
  const { t: einvoiceT } = useEInvoiceStatusT();
  const language = i18n.language;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t("wallet.invoices")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("wallet.number")}</th>
            <th scope="col">{t("wallet.docType")}</th>
            <th scope="col">{t("wallet.when")}</th>
            <th scope="col">{t("wallet.seller")}</th>
            <th scope="col">{t("wallet.total")}</th>
            <th scope="col">{einvoiceT("column")}</th>
            <th scope="col">{t("wallet.pdf")}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.reference}>
              <th scope="row">{invoice.number}</th>
              <td>
                {t(`wallet.docTypes.${invoice.doc_type}`)}
                {invoice.credited_invoice_number
                  ? ` (${t("wallet.creditOf", { number: invoice.credited_invoice_number })})`
                  : ""}
              </td>
              <td>{formatInstantDate(invoice.issued_at, TZ, language, "medium")}</td>
              <td>{invoice.seller_name}</td>
              <td className="numeric">
                {formatMoney(invoice.total_gross, invoice.currency ?? "EUR", language)}
              </td>
              <td>
                <EInvoiceStatus einvoice={invoice.einvoice} />
              </td>
              <td>
                <a
                  href={invoice.pdf_url}
                  download={`${invoice.number}.pdf`}
                  aria-label={`${t("wallet.downloadPdf")} ${invoice.number}`}
                >
                  {t("wallet.downloadPdf")}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
