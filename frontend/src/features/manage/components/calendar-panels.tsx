import { useId, useState, type FormEvent } from "react";
import { Combobox } from "@/components/ui/combobox";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import {
  isImpact,
  useAddClosure,
  useAddSpecialOpening,
  useAddStopWeek,
  useCommuneSearch,
  useMoveStop,
  useRemoveRow,
  useSetResourceActive,
  type ClosureInput,
  type ManagedClosure,
  type ManagedHours,
  type ManagedResourceRow,
  type ManagedSpecialOpening,
  type ManagedStop,
} from "../api/place-calendar";
import { usePlaceSetupT } from "../i18n";
import { ImpactConfirm } from "./impact-confirm";
import { useImpactFlow } from "./use-impact-flow";
import { TextField } from "./place-sections";

const hm = (time: string) => time.slice(0, 5);

function dayLabel(date: string, language: string) {
  return new Intl.DateTimeFormat(language, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));
}

function addDaysIso(date: string, days: number) {
  const value = new Date(`${date}T12:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

function Field({
  label,
  type,
  value,
  onChange,
  errors,
}: {
  label: string;
  type: "date" | "time";
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        required
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {errors?.length ? (
        <ul className="field-errors" id={`${id}-error`}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type DayState = { kind: "closed" | "special" | "stop" | "open" | "none"; text: string };

/** One month: what each local day is (closed, special hours, a stop, weekly hours). */
export function MonthGrid({
  month,
  hours,
  closures,
  specials,
  stops,
  itinerant,
}: {
  month: string;
  hours: ManagedHours[];
  closures: ManagedClosure[];
  specials: ManagedSpecialOpening[];
  stops: ManagedStop[];
  itinerant: boolean;
}) {
  const { t, language } = usePlaceSetupT();
  const first = `${month}-01`;
  const start = new Date(`${first}T12:00:00Z`);
  const offset = (start.getUTCDay() + 6) % 7;
  const days: string[] = [];
  for (let day = first; day.startsWith(month); day = addDaysIso(day, 1)) days.push(day);
  const cells: (string | null)[] = [...Array<null>(offset).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let index = 0; index < cells.length; index += 7) weeks.push(cells.slice(index, index + 7));
  const weekdayNames = t("calendar.weekdays").split(",");
  const monthName = new Intl.DateTimeFormat(language, {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(start);

  const state = (day: string): DayState => {
    if (closures.some((row) => row.start_date <= day && day <= row.end_date)) {
      return { kind: "closed", text: t("calendar.closed") };
    }
    const special = specials.filter((row) => row.date === day);
    if (special.length) {
      const text = special.map((row) => `${hm(row.opens)}–${hm(row.closes)}`).join(", ");
      return { kind: "special", text: t("calendar.special", { hours: text }) };
    }
    if (itinerant) {
      const stop = stops.find((row) => row.date === day);
      return stop
        ? {
            kind: "stop",
            text: t("calendar.stop", {
              commune: stop.commune_name,
              hours: `${hm(stop.opens)}–${hm(stop.closes)}`,
            }),
          }
        : { kind: "none", text: t("calendar.notOpen") };
    }
    const weekday = (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;
    const open = hours.filter((row) => row.weekday === weekday);
    return open.length
      ? { kind: "open", text: open.map((row) => `${hm(row.opens)}–${hm(row.closes)}`).join(", ") }
      : { kind: "none", text: t("calendar.notOpen") };
  };

  return (
    // Scrolls sideways on a narrow phone: focusable so keyboard users can scroll it too.
    <div
      className="month-grid-wrap"
      role="region"
      aria-label={t("calendar.monthCaption", { month: monthName })}
      tabIndex={0}
    >
      <table className="month-grid">
        <caption>{t("calendar.monthCaption", { month: monthName })}</caption>
        <thead>
          <tr>
            {weekdayNames.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.find(Boolean) ?? "empty"}>
              {week.map((day, index) => {
                if (!day) return <td key={`blank-${index}`} />;
                const info = state(day);
                return (
                  <td key={day} className={`day-${info.kind}`}>
                    <span className="day-number" aria-label={dayLabel(day, language)}>
                      {Number(day.slice(8))}
                    </span>
                    <span className="day-state">{info.text}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A change that may need the manager's confirmation of the bookings it cancels. */
export function ImpactDone({ count }: { count: number | null }) {
  const { t } = usePlaceSetupT();
  if (!count) return null;
  return <SuccessAlert>{t("calendar.impact.done", { count })}</SuccessAlert>;
}

export function ClosuresPanel({
  spaceId,
  closures,
  timeZone,
}: {
  spaceId: number;
  closures: ManagedClosure[];
  timeZone: string;
}) {
  const { t, language } = usePlaceSetupT();
  const add = useAddClosure(spaceId);
  const remove = useRemoveRow(spaceId, "closures");
  const flow = useImpactFlow<ClosureInput>();
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [reason, setReason] = useState("");
  const errors = isApiError(add.error) && !isImpact(add.error) ? add.error.fieldErrors : {};

  const send = (input: ClosureInput) =>
    add.mutate(input, {
      onError: flow.onError,
      onSuccess: () => {
        flow.finished(input.confirmed_count ?? null);
        setStart("");
        setEnd("");
        setReason("");
      },
    });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { start_date: start, end_date: end || start, reason };
    flow.start(input);
    send(input);
  };

  return (
    <>
      {closures.length === 0 ? <p>{t("calendar.closuresNone")}</p> : null}
      <ul className="plain-list">
        {closures.map((row) => {
          const what = t("calendar.closureRange", {
            start: dayLabel(row.start_date, language),
            end: dayLabel(row.end_date, language),
          });
          return (
            <li key={row.id}>
              {what}
              {row.reason ? ` — ${row.reason}` : null}{" "}
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={t("calendar.removeLabel", { what })}
                onClick={() => remove.mutate({ id: row.id, version: row.version })}
              >
                {t("calendar.remove")}
              </button>
            </li>
          );
        })}
      </ul>
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      <form
        className="stack-form"
        onSubmit={onSubmit}
        noValidate
        aria-label={t("calendar.addClosure")}
      >
        <div className="field-row">
          <Field
            label={t("calendar.closureStart")}
            type="date"
            value={start}
            onChange={setStart}
            errors={errors.start_date}
          />
          <Field
            label={t("calendar.closureEnd")}
            type="date"
            value={end}
            onChange={setEnd}
            errors={errors.end_date}
          />
        </div>
        <TextField label={t("calendar.reason")} value={reason} onChange={setReason} />
        {add.error && !isImpact(add.error) && !Object.keys(errors).length ? (
          <ErrorAlert error={add.error} />
        ) : null}
        {flow.impact && flow.pendingInput ? (
          <ImpactConfirm
            impact={flow.impact}
            timeZone={timeZone}
            pending={add.isPending}
            onConfirm={(count) =>
              flow.pendingInput && send({ ...flow.pendingInput, confirmed_count: count })
            }
            onCancel={flow.reset}
          />
        ) : null}
        {add.isSuccess && !flow.done ? (
          <SuccessAlert>{t("calendar.closureAdded")}</SuccessAlert>
        ) : null}
        <ImpactDone count={flow.done} />
        <button type="submit" className="button" disabled={add.isPending || !start}>
          {t("calendar.addClosure")}
        </button>
      </form>
    </>
  );
}

export function SpecialOpeningsPanel({
  spaceId,
  specials,
}: {
  spaceId: number;
  specials: ManagedSpecialOpening[];
}) {
  const { t, language } = usePlaceSetupT();
  const add = useAddSpecialOpening(spaceId);
  const remove = useRemoveRow(spaceId, "special-openings");
  const [date, setDate] = useState("");
  const [opens, setOpens] = useState("09:00");
  const [closes, setCloses] = useState("13:00");
  const [reason, setReason] = useState("");
  const errors = isApiError(add.error) ? add.error.fieldErrors : {};
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    add.mutate({ date, opens, closes, reason }, { onSuccess: () => setDate("") });
  };
  return (
    <>
      {specials.length === 0 ? <p>{t("calendar.specialsNone")}</p> : null}
      <ul className="plain-list">
        {specials.map((row) => {
          const what = `${dayLabel(row.date, language)}, ${hm(row.opens)}–${hm(row.closes)}`;
          return (
            <li key={row.id}>
              {what}
              {row.reason ? ` — ${row.reason}` : null}{" "}
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={t("calendar.removeLabel", { what })}
                onClick={() => remove.mutate({ id: row.id, version: row.version })}
              >
                {t("calendar.remove")}
              </button>
            </li>
          );
        })}
      </ul>
      <form
        className="stack-form"
        onSubmit={onSubmit}
        noValidate
        aria-label={t("calendar.addSpecial")}
      >
        <div className="field-row">
          <Field
            label={t("calendar.specialDate")}
            type="date"
            value={date}
            onChange={setDate}
            errors={errors.date}
          />
          <Field label={t("calendar.opens")} type="time" value={opens} onChange={setOpens} />
          <Field
            label={t("calendar.closes")}
            type="time"
            value={closes}
            onChange={setCloses}
            errors={errors.closes}
          />
        </div>
        <TextField label={t("calendar.reason")} value={reason} onChange={setReason} />
        {add.error && !Object.keys(errors).length ? <ErrorAlert error={add.error} /> : null}
        {add.isSuccess ? <SuccessAlert>{t("calendar.specialAdded")}</SuccessAlert> : null}
        <button type="submit" className="button" disabled={add.isPending || !date}>
          {t("calendar.addSpecial")}
        </button>
      </form>
    </>
  );
}

const WEEKDAY_OFFSETS = [0, 1, 2, 3, 4, 5, 6];

function StopWeekForm({ spaceId }: { spaceId: number }) {
  const { t } = usePlaceSetupT();
  const id = useId();
  const add = useAddStopWeek(spaceId);
  const [monday, setMonday] = useState("");
  const [days, setDays] = useState(() => new Set([0, 1, 2, 3, 4]));
  const [communeText, setCommuneText] = useState("");
  const [commune, setCommune] = useState<{ insee_code: string; name: string } | null>(null);
  const [opens, setOpens] = useState("09:00");
  const [closes, setCloses] = useState("17:00");
  const [spot, setSpot] = useState("");
  const found = useCommuneSearch(commune ? "" : communeText);
  const errors = isApiError(add.error) ? add.error.fieldErrors : {};
  const names = t("calendar.weekdays").split(",");

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!commune || !monday || days.size === 0) return;
    const dates = [...days].sort().map((offset) => addDaysIso(monday, offset));
    add.mutate({ dates, commune: commune.insee_code, opens, closes, location_note: spot });
  };

  return (
    <form
      className="stack-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={t("calendar.weekTitle")}
    >
      <h3>{t("calendar.weekTitle")}</h3>
      <Field
        label={t("calendar.weekStart")}
        type="date"
        value={monday}
        onChange={setMonday}
        errors={errors.dates}
      />
      <fieldset>
        <legend>{t("calendar.weekDays")}</legend>
        <ul className="checkbox-list weekday-list">
          {WEEKDAY_OFFSETS.map((offset) => (
            <li className="checkbox-field" key={offset}>
              <input
                id={`${id}-day-${offset}`}
                type="checkbox"
                checked={days.has(offset)}
                onChange={(event) =>
                  setDays((current) => {
                    const next = new Set(current);
                    if (event.target.checked) next.add(offset);
                    else next.delete(offset);
                    return next;
                  })
                }
              />
              <label htmlFor={`${id}-day-${offset}`}>{names[offset]}</label>
            </li>
          ))}
        </ul>
        {days.size === 0 ? <p className="field-hint">{t("calendar.pickDays")}</p> : null}
      </fieldset>
      <Combobox
        label={t("calendar.commune")}
        hint={t("calendar.communeHint")}
        error={errors.commune?.join(" ")}
        text={communeText}
        onTextChange={(text) => {
          setCommuneText(text);
          setCommune(null);
        }}
        options={commune ? undefined : found.data}
        onSelect={(option) => {
          setCommune(option);
          setCommuneText(`${option.name} (${option.department_code})`);
        }}
        optionKey={(option) => option.insee_code}
        optionLabel={(option) => `${option.name} (${option.department_code})`}
        announce={(count) => t("calendar.communesFound", { count })}
      />
      <div className="field-row">
        <Field label={t("calendar.opens")} type="time" value={opens} onChange={setOpens} />
        <Field
          label={t("calendar.closes")}
          type="time"
          value={closes}
          onChange={setCloses}
          errors={errors.closes}
        />
      </div>
      <TextField label={t("calendar.spot")} value={spot} onChange={setSpot} />
      {add.error && !Object.keys(errors).length ? <ErrorAlert error={add.error} /> : null}
      {add.isSuccess ? (
        <SuccessAlert>{t("calendar.weekAdded", { count: add.data.length })}</SuccessAlert>
      ) : null}
      <button
        type="submit"
        className="button"
        disabled={add.isPending || !commune || !monday || days.size === 0}
      >
        {t("calendar.addWeek")}
      </button>
    </form>
  );
}

function StopItem({
  spaceId,
  stop,
  timeZone,
}: {
  spaceId: number;
  stop: ManagedStop;
  timeZone: string;
}) {
  const { t, language } = usePlaceSetupT();
  const id = useId();
  const move = useMoveStop(spaceId);
  const remove = useRemoveRow(spaceId, "stops");
  const [date, setDate] = useState(stop.date);
  const moveFlow = useImpactFlow<{ date: string }>();
  const removeFlow = useImpactFlow<Record<string, never>>();
  const label = dayLabel(stop.date, language);

  const sendMove = (confirmed_count?: number) =>
    move.mutate(
      { id: stop.id, date, version: stop.version, confirmed_count },
      {
        onError: moveFlow.onError,
        onSuccess: () => moveFlow.finished(confirmed_count ?? null),
      },
    );
  const sendRemove = (confirmed_count?: number) =>
    remove.mutate(
      { id: stop.id, version: stop.version, confirmed_count },
      {
        onError: removeFlow.onError,
        onSuccess: () => removeFlow.finished(confirmed_count ?? null),
      },
    );

  return (
    <li className="stop-item">
      <p>
        <strong>{label}</strong> — {stop.commune_name}, {hm(stop.opens)}–{hm(stop.closes)}
        {stop.location_note ? ` (${stop.location_note})` : null}
      </p>
      <div className="action-row">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t("calendar.moveTo")}</label>
          <input
            id={`${id}-date`}
            type="date"
            value={date}
            aria-label={t("calendar.moveToLabel", { date: label })}
            onChange={(event) => setDate(event.target.value)}
          />
        </div>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={move.isPending || date === stop.date || !date}
          aria-label={t("calendar.moveLabel", { date: label })}
          onClick={() => {
            moveFlow.start({ date });
            sendMove();
          }}
        >
          {t("calendar.move")}
        </button>
        <button
          type="button"
          className="button button-danger button-small"
          disabled={remove.isPending}
          aria-label={t("calendar.cancelStopLabel", { date: label, commune: stop.commune_name })}
          onClick={() => {
            removeFlow.start({});
            sendRemove();
          }}
        >
          {t("calendar.cancelStop")}
        </button>
      </div>
      {move.error && !isImpact(move.error) ? <ErrorAlert error={move.error} /> : null}
      {remove.error && !isImpact(remove.error) ? <ErrorAlert error={remove.error} /> : null}
      {moveFlow.impact ? (
        <ImpactConfirm
          impact={moveFlow.impact}
          timeZone={timeZone}
          pending={move.isPending}
          onConfirm={(count) => sendMove(count)}
          onCancel={moveFlow.reset}
        />
      ) : null}
      {removeFlow.impact ? (
        <ImpactConfirm
          impact={removeFlow.impact}
          timeZone={timeZone}
          pending={remove.isPending}
          onConfirm={(count) => sendRemove(count)}
          onCancel={removeFlow.reset}
        />
      ) : null}
    </li>
  );
}

export function StopsPanel({
  spaceId,
  stops,
  timeZone,
  today,
}: {
  spaceId: number;
  stops: ManagedStop[];
  timeZone: string;
  today: string;
}) {
  const { t } = usePlaceSetupT();
  const upcoming = stops.filter((stop) => stop.date >= today);
  return (
    <>
      {upcoming.length === 0 ? <p>{t("calendar.stopsNone")}</p> : null}
      <ul className="plain-list">
        {upcoming.map((stop) => (
          <StopItem key={stop.id} spaceId={spaceId} stop={stop} timeZone={timeZone} />
        ))}
      </ul>
      <StopWeekForm spaceId={spaceId} />
    </>
  );
}

function ResourceItem({
  spaceId,
  resource,
  timeZone,
}: {
  spaceId: number;
  resource: ManagedResourceRow;
  timeZone: string;
}) {
  const { t } = usePlaceSetupT();
  const toggle = useSetResourceActive(spaceId);
  const flow = useImpactFlow<{ is_active: boolean }>();
  const next = !resource.is_active;
  const action = next ? t("calendar.activate") : t("calendar.deactivate");
  const send = (confirmed_count?: number) =>
    toggle.mutate(
      { id: resource.id, is_active: next, version: resource.version, confirmed_count },
      { onError: flow.onError, onSuccess: () => flow.finished(confirmed_count ?? null) },
    );
  return (
    <li>
      {resource.name} ({resource.is_active ? t("calendar.active") : t("calendar.inactive")}){" "}
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={toggle.isPending}
        aria-label={t("calendar.toggleLabel", { action, name: resource.name })}
        onClick={() => {
          flow.start({ is_active: next });
          send();
        }}
      >
        {action}
      </button>
      {toggle.error && !isImpact(toggle.error) ? <ErrorAlert error={toggle.error} /> : null}
      {flow.impact ? (
        <ImpactConfirm
          impact={flow.impact}
          timeZone={timeZone}
          pending={toggle.isPending}
          onConfirm={(count) => send(count)}
          onCancel={flow.reset}
        />
      ) : null}
      <ImpactDone count={flow.done} />
    </li>
  );
}

export function ResourcesPanel({
  spaceId,
  resources,
  timeZone,
}: {
  spaceId: number;
  resources: ManagedResourceRow[] | undefined;
  timeZone: string;
}) {
  const { t } = usePlaceSetupT();
  if (!resources) return <Loading />;
  if (resources.length === 0) return <p>{t("calendar.resourcesNone")}</p>;
  return (
    <ul className="plain-list">
      {resources.map((resource) => (
        <ResourceItem key={resource.id} spaceId={spaceId} resource={resource} timeZone={timeZone} />
      ))}
    </ul>
  );
}
