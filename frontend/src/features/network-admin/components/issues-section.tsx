import { useId, useState, type FormEvent } from "react";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { ApiError } from "@/lib/api/errors";
import { formatInstant, formatMoney } from "@/lib/format";
import {
  useIssues,
  useResolveIssue,
  type Issue,
  type IssueFilters,
  type IssueKind,
  type IssueStatus,
} from "../api/review";
import { useNetworkAdminT } from "../i18n";

const TIME_ZONE = "Europe/Paris";
const KINDS: IssueKind[] = [
  "dispute",
  "unknown_payment",
  "amount_mismatch",
  "payment_for_cancelled_booking",
  "unknown_refund",
  "refund_exceeds_payment",
  "refunded_amount_mismatch",
  "unknown_subscription",
  "unknown_invoice",
  "repair_failed",
];
const STATUSES: IssueStatus[] = ["open", "resolved"];

/** "key: value" pairs of what the reconciliation saw (Stripe statuses, amounts, ids). */
function detailsText(details: Issue["details"]): string {
  return Object.entries(details)
    .filter(([, value]) => value !== "" && value !== null && typeof value !== "object")
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(" · ");
}

function ResolveForm({
  issue,
  onResolved,
  onCancel,
}: {
  issue: Issue;
  onResolved: () => void;
  onCancel: () => void;
}) {
  const { t } = useNetworkAdminT();
  const id = useId();
  const [note, setNote] = useState("");
  const resolve = useResolveIssue();
  const noteErrors = resolve.error instanceof ApiError ? resolve.error.fieldErrors.note : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    resolve.mutate({ id: issue.id, note }, { onSuccess: onResolved });
  };
  return (
    <form className="stack-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("issues.note")}</label>
        <p className="field-hint" id={`${id}-hint`}>
          {t("issues.noteHint")}
        </p>
        <textarea
          id={`${id}-note`}
          rows={3}
          required
          value={note}
          aria-invalid={noteErrors ? true : undefined}
          aria-describedby={[`${id}-hint`, noteErrors ? `${id}-error` : ""].join(" ").trim()}
          onChange={(event) => setNote(event.target.value)}
        />
        {noteErrors ? (
          <ul className="field-errors" id={`${id}-error`}>
            {noteErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {resolve.isError && !noteErrors ? <ErrorAlert error={resolve.error} /> : null}
      <div className="action-row">
        <button type="submit" className="button button-small" disabled={resolve.isPending}>
          {t("issues.confirm")}
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onCancel}>
          {t("issues.cancel")}
        </button>
      </div>
    </form>
  );
}

function IssueItem({ issue, onResolved }: { issue: Issue; onResolved: () => void }) {
  const { t, language } = useNetworkAdminT();
  const [resolving, setResolving] = useState(false);
  const titleId = useId();
  const when = (instant: string) => formatInstant(instant, TIME_ZONE, language);
  const payment = issue.payment;
  return (
    <li className="review-issue" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t(`kinds.${issue.kind}`)}{" "}
        <span className={issue.status === "open" ? "badge badge-accent" : "badge badge-neutral"}>
          {t(`issueStatus.${issue.status ?? "open"}`)}
        </span>
      </h3>
      <p>
        {t("issues.stripeId")} : <code>{issue.stripe_id}</code> —{" "}
        {t("issues.seen", { first: when(issue.first_seen_at), last: when(issue.last_seen_at) })}
      </p>
      {payment ? (
        <p>
          {t("issues.payment", {
            description: payment.description,
            amount: formatMoney(payment.amount, payment.currency, language),
            seller: payment.seller_name || t("issues.network"),
          })}
          {payment.is_disputed ? <> ({t("issues.disputed")})</> : null}
        </p>
      ) : null}
      {detailsText(issue.details) ? (
        <p className="field-hint">
          {t("issues.details")} : {detailsText(issue.details)}
        </p>
      ) : null}
      {issue.status === "resolved" && issue.resolved_at ? (
        <p>
          {t("issues.resolvedBy", {
            at: when(issue.resolved_at),
            who: issue.resolved_by_email || "—",
            note: issue.resolution_note ?? "",
          })}
        </p>
      ) : null}
      {issue.status === "open" && !resolving ? (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setResolving(true)}
        >
          {t("issues.resolve")}
        </button>
      ) : null}
      {issue.status === "open" && resolving ? (
        <ResolveForm
          issue={issue}
          onResolved={() => {
            setResolving(false);
            onResolved();
          }}
          onCancel={() => setResolving(false)}
        />
      ) : null}
    </li>
  );
}

/** The differences, filterable by status and kind; each open one can be resolved with a note. */
export function IssuesSection() {
  const { t } = useNetworkAdminT();
  const id = useId();
  const [filters, setFilters] = useState<IssueFilters>({ status: "open" });
  const [resolvedNotice, setResolvedNotice] = useState(false);
  const issues = useIssues(filters);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("issues.title")}</h2>
      <p>{t("issues.intro")}</p>
      <div className="review-filters">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("issues.status")}</label>
          <select
            id={`${id}-status`}
            value={filters.status ?? ""}
            onChange={(event) =>
              setFilters({
                ...filters,
                status: (event.target.value || undefined) as IssueStatus | undefined,
              })
            }
          >
            <option value="">{t("issues.all")}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`issueStatus.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t("issues.kind")}</label>
          <select
            id={`${id}-kind`}
            value={filters.kind ?? ""}
            onChange={(event) =>
              setFilters({
                ...filters,
                kind: (event.target.value || undefined) as IssueKind | undefined,
              })
            }
          >
            <option value="">{t("issues.all")}</option>
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {resolvedNotice ? <SuccessAlert>{t("issues.resolved")}</SuccessAlert> : null}
      {issues.isPending ? <Loading /> : null}
      {issues.isError ? (
        <ErrorAlert error={issues.error} onRetry={() => void issues.refetch()} />
      ) : null}
      {issues.data ? (
        <>
          <p role="status">{t("issues.count", { count: issues.data.count })}</p>
          {issues.data.results.length === 0 ? <p>{t("issues.none")}</p> : null}
          <ul className="review-issues">
            {issues.data.results.map((issue) => (
              <IssueItem key={issue.id} issue={issue} onResolved={() => setResolvedNotice(true)} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
