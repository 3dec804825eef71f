import { type FormEvent, type ReactNode, useId, useState } from "react";
import { Link } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { ApiError, localizedMessage } from "@/lib/api/errors";
import { isManager, useMe } from "@/lib/current-user";
import { NETWORK_TIME_ZONE } from "@/lib/dates";
import { formatInstant } from "@/lib/format";
import {
  AUDIT_ACTIONS,
  AUDIT_CATEGORIES,
  type AuditEntry,
  type AuditFilters,
  useAuditEntries,
  useAuditOperators,
} from "../api/audit";
import { useAuditT } from "../i18n";
import { auditPaths } from "../paths";
import "../journal.css";

/** /journal — the audit trail: network admins see everything, managers their operators'. */
export function JournalRoute() {
  const { t } = useAuditT();
  const me = useMe();
  const allowed = isManager(me.data);
  return (
    <div className="journal-page">
      <PageTitle title={t("title")} />
      <h1>{t("title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(auditPaths.journal)}`}>{t("login")}</Link>
        </p>
      ) : null}
      {me.data && !allowed ? <p role="alert">{t("notAllowed")}</p> : null}
      {me.data && allowed ? <Journal isAdmin={Boolean(me.data.is_network_admin)} /> : null}
    </div>
  );
}

type Draft = { category: string; action: string; operator: string; since: string; until: string };
const EMPTY: Draft = { category: "", action: "", operator: "", since: "", until: "" };

function toFilters(draft: Draft, page: number): AuditFilters {
  const filters: AuditFilters = { page };
  if (draft.category) filters.category = draft.category as AuditFilters["category"];
  if (draft.action) filters.action = draft.action as AuditFilters["action"];
  if (draft.operator) filters.operator = Number(draft.operator);
  if (draft.since) filters.since = draft.since;
  if (draft.until) filters.until = draft.until;
  return filters;
}

function Journal({ isAdmin }: { isAdmin: boolean }) {
  const { t, language } = useAuditT();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [applied, setApplied] = useState<Draft>(EMPTY);
  const [page, setPage] = useState(1);
  const entries = useAuditEntries(toFilters(applied, page));
  const operators = useAuditOperators(true);
  const fieldErrors = entries.error instanceof ApiError ? entries.error.fieldErrors : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    setApplied(draft);
    setPage(1);
  }
  function field(name: keyof Draft) {
    const errors = (fieldErrors[name] ?? []).map((m) => localizedMessage(m, language));
    return {
      id: `${id}-${name}`,
      value: draft[name],
      onChange: (event: { target: { value: string } }) =>
        setDraft({ ...draft, [name]: event.target.value }),
      "aria-invalid": errors.length > 0 ? true : undefined,
      "aria-describedby": errors.length > 0 ? `${id}-${name}-errors` : undefined,
      errors,
    };
  }
  const pageCount = entries.data ? Math.max(1, Math.ceil(entries.data.count / 50)) : 1;

  return (
    <>
      <p>{t("intro")}</p>
      {isAdmin ? null : <p>{t("introManager")}</p>}
      <form className="filters" aria-labelledby={`${id}-filters`} onSubmit={submit}>
        <h2 id={`${id}-filters`}>{t("filters")}</h2>
        <div className="field-row">
          <SelectField label={t("category")} {...field("category")} allLabel={t("all")}>
            {AUDIT_CATEGORIES.map((value) => (
              <option key={value} value={value}>
                {t(`categories.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("action")} {...field("action")} allLabel={t("all")}>
            {AUDIT_ACTIONS.map((value) => (
              <option key={value} value={value}>
                {t(`actions.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("operator")} {...field("operator")} allLabel={t("all")}>
            {(operators.data?.results ?? []).map((operator) => (
              <option key={operator.id} value={String(operator.id)}>
                {operator.name}
              </option>
            ))}
          </SelectField>
          <DateField label={t("since")} {...field("since")} />
          <DateField label={t("until")} {...field("until")} />
        </div>
        <div className="journal-buttons">
          <button type="submit" className="button">
            {t("apply")}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setDraft(EMPTY);
              setApplied(EMPTY);
              setPage(1);
            }}
          >
            {t("reset")}
          </button>
        </div>
      </form>
      {entries.isPending || entries.isFetching ? <Loading /> : null}
      {entries.error ? (
        <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />
      ) : null}
      {entries.data ? (
        <>
          {entries.data.count === 0 ? <p role="status">{t("empty")}</p> : null}
          <div className="table-scroll">
            <table className="data-table">
              <caption>{t("count", { count: entries.data.count })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("when")}</th>
                  <th scope="col">{t("what")}</th>
                  <th scope="col">{t("changes")}</th>
                  <th scope="col">{t("who")}</th>
                  {isAdmin ? <th scope="col">{t("from")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {entries.data.results.map((entry) => (
                  <EntryRow key={entry.id} entry={entry} isAdmin={isAdmin} />
                ))}
              </tbody>
            </table>
          </div>
          {pageCount > 1 ? (
            <nav className="journal-buttons" aria-label={t("page", { page })}>
              <button
                type="button"
                className="button button-secondary"
                disabled={!entries.data.previous}
                onClick={() => setPage(page - 1)}
              >
                {t("previous")}
              </button>
              <span>{t("page", { page })}</span>
              <button
                type="button"
                className="button button-secondary"
                disabled={!entries.data.next}
                onClick={() => setPage(page + 1)}
              >
                {t("next")}
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}

type FieldProps = {
  id: string;
  label: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  errors: string[];
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
};

function Errors({ id, errors }: { id: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="field-errors" id={`${id}-errors`}>
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

function SelectField({
  label,
  errors,
  allLabel,
  children,
  ...input
}: FieldProps & { allLabel: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={input.id}>{label}</label>
      <select {...input}>
        <option value="">{allLabel}</option>
        {children}
      </select>
      <Errors id={input.id} errors={errors} />
    </div>
  );
}

function DateField({ label, errors, ...input }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={input.id}>{label}</label>
      <input type="date" {...input} />
      <Errors id={input.id} errors={errors} />
    </div>
  );
}

function EntryRow({ entry, isAdmin }: { entry: AuditEntry; isAdmin: boolean }) {
  const { t, language } = useAuditT();
  // Keys without dots ("spaces_price"): i18next reads a dot as a nesting.
  const objectType = t(`objects.${entry.object_type.replace(".", "_")}` as "objects.spaces_price", {
    defaultValue: entry.object_type,
  });
  return (
    <tr>
      <td>
        <time dateTime={entry.timestamp}>
          {formatInstant(entry.timestamp, NETWORK_TIME_ZONE, language)}
        </time>
      </td>
      <td>
        <strong>{t(`actions.${entry.action}`)}</strong> · {objectType} « {entry.object} »
        <br />
        <small>
          {t(`categories.${entry.category}`)} · {entry.operator?.name ?? t("network")}
        </small>
      </td>
      <td>
        <ul className="plain-list">
          {entry.changes.map((change) => (
            <li key={change.field}>
              <code>{change.field}</code> :{" "}
              {change.operation
                ? t(change.operation === "add" ? "added" : "removed", {
                    names: change.objects.join(", "),
                  })
                : `${change.before ?? t("emptyValue")} → ${change.after ?? t("emptyValue")}`}
            </li>
          ))}
        </ul>
      </td>
      <td>{entry.actor ?? t("system")}</td>
      {isAdmin ? <td>{entry.remote_addr ?? "—"}</td> : null}
    </tr>
  );
}
