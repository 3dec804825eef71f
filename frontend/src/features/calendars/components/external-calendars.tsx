import { useId, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { FormField } from "@/components/ui/form-field";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import { ApiError, localizedMessage } from "@/lib/api/errors";
import { formatInstant } from "@/lib/format";
import {
  useAddExternalCalendar,
  useDeleteExternalCalendar,
  useExternalCalendars,
  useSyncExternalCalendar,
  useUpdateExternalCalendar,
} from "../api/calendars";
import type { ExternalCalendar, ManagedResource, SyncStatus } from "../api/types";
import { useCalendarsT } from "../i18n";
import { ConfirmButton } from "./confirm-button";
import { ResourceSelect } from "./resource-select";

const TONES: Record<SyncStatus, "neutral" | "info" | "success" | "accent"> = {
  never: "neutral",
  ok: "success",
  partial: "info",
  error: "accent",
};

type Values = { name: string; url: string; resource: string };

function fieldErrors(error: unknown, field: string, language: string): string[] {
  if (!(error instanceof ApiError)) return [];
  const codes = error.fieldErrors[field];
  if (!codes) return [];
  return [localizedMessage(error.body.message ?? codes.join(", "), language)];
}

type CalendarFormProps = {
  initial: Values;
  resources: ManagedResource[];
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: Values) => void;
  onCancel?: () => void;
};

/** Name, address and what it blocks (a resource, or the whole place). */
function CalendarForm(props: CalendarFormProps) {
  const { initial, resources, submitLabel, pending, error, onSubmit, onCancel } = props;
  const { t, language } = useCalendarsT();
  const [values, setValues] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };
  const nameErrors = fieldErrors(error, "name", language);
  const urlErrors = fieldErrors(error, "url", language);
  const generalError = error && nameErrors.length + urlErrors.length === 0 ? error : null;
  return (
    <form className="stack-form" onSubmit={submit}>
      <FormField
        label={t("manage.name")}
        required
        type="text"
        maxLength={100}
        value={values.name}
        errors={nameErrors}
        onChange={(event) => setValues({ ...values, name: event.target.value })}
      />
      <FormField
        label={t("manage.url")}
        required
        type="text"
        inputMode="url"
        maxLength={2000}
        value={values.url}
        errors={urlErrors}
        onChange={(event) => setValues({ ...values, url: event.target.value })}
      />
      <ResourceSelect
        label={t("manage.resource")}
        value={values.resource}
        resources={resources}
        onChange={(resource) => setValues({ ...values, resource })}
      />
      {generalError ? <ErrorAlert error={generalError} /> : null}
      <div className="action-row">
        <button type="submit" className="button button-small" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary button-small" onClick={onCancel}>
            {t("agenda.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function toInput(values: Values) {
  return {
    name: values.name,
    url: values.url,
    resource: values.resource ? Number(values.resource) : null,
  };
}

type RowProps = {
  spaceId: number;
  calendar: ExternalCalendar;
  resources: ManagedResource[];
  timeZone: string;
  onDeleted: () => void;
};

/** One imported calendar: its last import in plain words, and what can be done with it. */
function CalendarRow({ spaceId, calendar, resources, timeZone, onDeleted }: RowProps) {
  const { t, language } = useCalendarsT();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const update = useUpdateExternalCalendar(spaceId);
  const remove = useDeleteExternalCalendar(spaceId);
  const sync = useSyncExternalCalendar(spaceId);
  const status = calendar.sync_status ?? "never";
  const when = (instant: string) => formatInstant(instant, timeZone, language);
  return (
    <li className="external-calendar" aria-labelledby={id}>
      <h3 id={id}>
        {calendar.name}{" "}
        <Badge tone={TONES[status]}>
          <span className="visually-hidden">{t("manage.status")} : </span>
          {t(`manage.statuses.${status}`)}
        </Badge>
      </h3>
      <p className="external-calendar-url">{calendar.url}</p>
      <p>
        {t("manage.resource")} : {calendar.resource?.name ?? t("manage.wholePlace")}
      </p>
      {status === "never" ? <p>{t("manage.neverImported")}</p> : null}
      {calendar.last_success_at ? (
        <p>
          {t("manage.lastImport", { date: when(calendar.last_success_at) })}{" "}
          {t("manage.events", { count: calendar.events_imported ?? 0 })}
        </p>
      ) : null}
      {calendar.last_fetched_at && calendar.last_fetched_at !== calendar.last_success_at ? (
        <p>{t("manage.lastAttempt", { date: when(calendar.last_fetched_at) })}</p>
      ) : null}
      {calendar.last_error ? (
        <p className={status === "error" ? "alert alert-error" : "alert alert-info"}>
          {localizedMessage(calendar.last_error, language)}
        </p>
      ) : null}
      {calendar.problems.length > 0 ? (
        <details>
          <summary>
            {t("manage.problems")} ({calendar.problems.length})
          </summary>
          <ul>
            {calendar.problems.map((problem) => (
              <li key={`${problem.uid}-${problem.start}`}>
                {problem.start ? `${problem.start} — ` : ""}
                {localizedMessage(problem.message, language)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {editing ? (
        <CalendarForm
          initial={{
            name: calendar.name,
            url: calendar.url,
            resource: calendar.resource ? String(calendar.resource.id) : "",
          }}
          resources={resources}
          submitLabel={t("manage.save")}
          pending={update.isPending}
          error={update.error}
          onSubmit={(values) =>
            update.mutate(
              { id: calendar.id, ...toInput(values) },
              { onSuccess: () => setEditing(false) },
            )
          }
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="action-row">
          <button
            type="button"
            className="button button-small"
            disabled={sync.isPending}
            onClick={() => sync.mutate(calendar.id)}
          >
            {sync.isPending ? t("manage.importing") : t("manage.importNow")}
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setEditing(true)}
          >
            {t("manage.edit")}
          </button>
          <ConfirmButton
            label={t("manage.delete")}
            question={t("manage.deleteConfirm", { name: calendar.name })}
            danger
            disabled={remove.isPending}
            onConfirm={() => remove.mutate(calendar.id, { onSuccess: onDeleted })}
          />
        </div>
      )}
      {sync.error ? <ErrorAlert error={sync.error} /> : null}
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
    </li>
  );
}

type ExternalCalendarsProps = {
  spaceId: number;
  resources: ManagedResource[];
  timeZone: string;
};

/** A place's imported calendars: list with status, add, edit, delete, import now. */
export function ExternalCalendars({ spaceId, resources, timeZone }: ExternalCalendarsProps) {
  const { t } = useCalendarsT();
  const calendars = useExternalCalendars(spaceId);
  const add = useAddExternalCalendar(spaceId);
  const [formKey, setFormKey] = useState(0);
  const [deleted, setDeleted] = useState(false);
  return (
    <>
      <p>{t("manage.externalIntro")}</p>
      {calendars.error ? (
        <ErrorAlert error={calendars.error} onRetry={() => void calendars.refetch()} />
      ) : null}
      {deleted ? <SuccessAlert>{t("manage.deleted")}</SuccessAlert> : null}
      {calendars.data && calendars.data.length === 0 ? <p>{t("manage.noExternal")}</p> : null}
      {calendars.data && calendars.data.length > 0 ? (
        <ul className="external-calendars">
          {calendars.data.map((calendar) => (
            <CalendarRow
              key={calendar.id}
              spaceId={spaceId}
              calendar={calendar}
              resources={resources}
              timeZone={timeZone}
              onDeleted={() => setDeleted(true)}
            />
          ))}
        </ul>
      ) : null}
      <h3>{t("manage.add")}</h3>
      <CalendarForm
        key={formKey}
        initial={{ name: "", url: "", resource: "" }}
        resources={resources}
        submitLabel={t("manage.add")}
        pending={add.isPending}
        error={add.error}
        onSubmit={(values) =>
          add.mutate(toInput(values), {
            onSuccess: () => {
              setDeleted(false);
              setFormKey((key) => key + 1);
            },
          })
        }
      />
    </>
  );
}
