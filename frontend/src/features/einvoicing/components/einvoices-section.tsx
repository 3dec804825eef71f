import { useId, useState } from "react";
import { einvoiceTone, useEInvoiceLabel } from "@/components/einvoice-status/labels";
import { Badge } from "@/components/ui/badge";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { formatInstantDate, formatMoney } from "@/lib/format";
import {
  useEInvoices,
  useRetryEInvoice,
  type EInvoice,
  type EInvoiceFilter,
} from "../api/einvoicing";
import { useEInvoicingT } from "../i18n";

const PARIS = "Europe/Paris";
const PAGE = 50;
const FILTERS = {
  all: {},
  pending: { status: "pending" },
  submitted: { status: "submitted" },
  failed: { status: "failed" },
  refused: { lifecycle: "210" },
  rejected: { lifecycle: "213" },
} satisfies Record<string, EInvoiceFilter>;
type FilterKey = keyof typeof FILTERS;

function StatusCell({ row }: { row: EInvoice }) {
  const { t, language } = useEInvoicingT();
  const label = useEInvoiceLabel();
  return (
    <>
      <Badge tone={einvoiceTone(row.lifecycle || row.status || "")}>
        {label(row.status, row.lifecycle)}
      </Badge>
      {row.status !== "submitted" && row.attempts ? (
        <span className="cell-detail">{t("list.attempts", { count: row.attempts })}</span>
      ) : null}
      {row.status === "pending" && row.attempts ? (
        <span className="cell-detail">
          {t("list.nextAttempt", {
            date: formatInstantDate(row.next_attempt_at, PARIS, language, "short"),
          })}
        </span>
      ) : null}
      {row.last_error && row.status !== "submitted" ? (
        <span className="cell-detail">{t("list.error", { error: row.last_error })}</span>
      ) : null}
    </>
  );
}

function History({ row }: { row: EInvoice }) {
  const { t, language } = useEInvoicingT();
  const label = useEInvoiceLabel();
  if (!row.statuses.length) return <span aria-hidden="true">—</span>;
  return (
    <details>
      <summary aria-label={t("list.historyOf", { number: row.number })}>
        {t("list.history")}
      </summary>
      <ol className="plain-list">
        {row.statuses.map((status) => (
          <li key={`${status.code}-${status.occurred_at}`}>
            <time dateTime={status.occurred_at}>
              {formatInstantDate(status.occurred_at, PARIS, language, "short")}
            </time>{" "}
            — {label(undefined, status.code)}
            {status.reason ? ` : ${status.reason}` : ""}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** « Factures transmises »: every e-invoice of the operator with its platform statuses; a
 * failed one can be sent again. */
export function EInvoicesSection({ operatorId }: { operatorId: number }) {
  const { t, language } = useEInvoicingT();
  const filterId = useId();
  const [filter, setFilter] = useState<FilterKey>("all");
  const [pageSize, setPageSize] = useState(PAGE);
  const list = useEInvoices(operatorId, FILTERS[filter] as EInvoiceFilter, pageSize);
  const retry = useRetryEInvoice(operatorId);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = list.data?.results ?? [];
  return (
    <section aria-labelledby={`${filterId}-title`}>
      <h2 id={`${filterId}-title`}>{t("list.title")}</h2>
      <p className="section-hint">{t("list.intro")}</p>
      <div className="field">
        <label htmlFor={filterId}>{t("list.filter")}</label>
        <select
          id={filterId}
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value as FilterKey);
            setPageSize(PAGE);
          }}
        >
          {(Object.keys(FILTERS) as FilterKey[]).map((key) => (
            <option key={key} value={key}>
              {t(`list.${key}`)}
            </option>
          ))}
        </select>
      </div>
      {list.isPending ? <Loading /> : null}
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {retry.error ? <ErrorAlert error={retry.error} /> : null}
      {notice ? <SuccessAlert>{notice}</SuccessAlert> : null}
      {list.data && !rows.length ? <p>{t("list.none")}</p> : null}
      {rows.length ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.number")}</th>
                <th scope="col">{t("list.date")}</th>
                <th scope="col">{t("list.buyer")}</th>
                <th scope="col" className="numeric">
                  {t("list.total")}
                </th>
                <th scope="col">{t("list.status")}</th>
                <th scope="col">{t("list.history")}</th>
                <th scope="col">{t("list.pdf")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    {row.number}
                    {row.doc_type === "credit_note" ? (
                      <span className="cell-detail">{t("list.creditNote")}</span>
                    ) : null}
                  </th>
                  <td>{formatInstantDate(row.issued_at, PARIS, language, "medium")}</td>
                  <td>{row.buyer_name}</td>
                  <td className="numeric">
                    {formatMoney(row.total_gross, row.currency ?? "EUR", language)}
                  </td>
                  <td>
                    <StatusCell row={row} />
                    {row.status === "failed" ? (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={t("list.retryOf", { number: row.number })}
                        disabled={retry.isPending}
                        onClick={() => {
                          setNotice(null);
                          retry.mutate(row.id, {
                            onSuccess: () => setNotice(t("list.retried", { number: row.number })),
                          });
                        }}
                      >
                        {t("list.retry")}
                      </button>
                    ) : null}
                  </td>
                  <td>
                    <History row={row} />
                  </td>
                  <td>
                    <a href={row.pdf_url} download={`${row.number}.pdf`}>
                      {t("list.download", { number: row.number })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.data?.next ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={list.isFetching}
          onClick={() => setPageSize((size) => size + PAGE)}
        >
          {t("list.more")}
        </button>
      ) : null}
    </section>
  );
}
