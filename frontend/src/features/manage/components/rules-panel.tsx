import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import type { ResourceKind } from "@/lib/api/types";
import {
  useBookingRules,
  useResetRules,
  useSaveRules,
  type BookingRules,
  type DefaultRules,
  type RulesInput,
} from "../api/booking-rules";
import { useManagedResources } from "../api/manage";
import { isConflict } from "../api/place-setup";
import { usePlaceSetupT } from "../i18n";
import { ConflictAlert } from "./place-sections";

const KINDS: ResourceKind[] = ["desk", "meeting_room", "phone_booth", "private_office"];
const UNITS: RulesInput["sale_unit"][] = ["day", "half_day", "hour", "30min"];

/** The number fields of a rule, each with whether it may be left empty ("no limit"). */
const NUMBERS = {
  min_notice_minutes: false,
  max_advance_days: false,
  min_duration_minutes: true,
  max_duration_minutes: true,
  cancellation_deadline_minutes: false,
  no_show_grace_minutes: true,
  max_active_bookings_per_member: true,
  max_bookings_per_member_per_day: true,
  hold_minutes: false,
  waitlist_offer_minutes: false,
} as const;
type NumberField = keyof typeof NUMBERS;
const NUMBER_FIELDS = Object.keys(NUMBERS) as NumberField[];

type Values = Record<NumberField, string> & {
  sale_unit: RulesInput["sale_unit"];
  requires_payment: boolean;
};

function valuesOf(rules: BookingRules | DefaultRules): Values {
  const numbers = Object.fromEntries(
    NUMBER_FIELDS.map((name) => [name, rules[name] === null ? "" : String(rules[name])]),
  ) as Record<NumberField, string>;
  return {
    ...numbers,
    sale_unit: rules.sale_unit,
    requires_payment: Boolean(rules.requires_payment),
  };
}

/** The form's text → the API's numbers: empty is "no limit" (null); anything else is sent as
 * typed, so the API's field message answers a wrong value. */
function inputOf(kind: ResourceKind, values: Values): RulesInput {
  const numbers = Object.fromEntries(
    NUMBER_FIELDS.map((name) => {
      const text = values[name].trim();
      return [name, text === "" ? null : Number(text)];
    }),
  );
  return {
    ...(numbers as Record<NumberField, number>),
    resource_kind: kind,
    sale_unit: values.sale_unit,
    requires_payment: values.requires_payment,
  };
}

/** "1440" → "= 1 j" / "= 1 d": minutes read at a glance. */
function useMinutesReading() {
  const { t } = usePlaceSetupT();
  return (text: string) => {
    const minutes = Number(text);
    if (!text.trim() || !Number.isInteger(minutes) || minutes < 60) return "";
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const rest = minutes % 60;
    const parts = [
      days ? t("rules.days", { count: days }) : "",
      hours ? t("rules.hours", { count: hours }) : "",
      rest ? t("rules.minutes", { count: rest }) : "",
    ].filter(Boolean);
    return `= ${parts.join(" ")}`;
  };
}

function NumberField({
  name,
  values,
  onChange,
  errors,
}: {
  name: NumberField;
  values: Values;
  onChange: (name: NumberField, value: string) => void;
  errors: Record<string, string[]>;
}) {
  const { t } = usePlaceSetupT();
  const id = useId();
  const reading = useMinutesReading();
  const fieldErrors = errors[name] ?? [];
  const inMinutes = name.endsWith("_minutes");
  const hint = [t(`rules.hints.${name}`), inMinutes ? reading(values[name]) : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{t(`rules.fields.${name}`)}</label>
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        placeholder={NUMBERS[name] ? t("rules.noLimit") : undefined}
        value={values[name]}
        aria-invalid={fieldErrors.length ? true : undefined}
        aria-describedby={`${id}-hint${fieldErrors.length ? ` ${id}-error` : ""}`}
        onChange={(event) => onChange(name, event.target.value)}
      />
      {fieldErrors.length ? (
        <ul className="field-errors" id={`${id}-error`}>
          {fieldErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** One resource kind's rules: the place's own, or the network's until the first save. */
function KindRules({
  spaceId,
  kind,
  row,
  defaults,
}: {
  spaceId: number;
  kind: ResourceKind;
  row?: BookingRules;
  defaults: DefaultRules;
}) {
  const { t } = usePlaceSetupT();
  const { t: tApp } = useTranslation();
  const id = useId();
  const save = useSaveRules(spaceId);
  const reset = useResetRules(spaceId);
  const [values, setValues] = useState<Values>(() => valuesOf(row ?? defaults));
  const [done, setDone] = useState<"saved" | "reset" | null>(null);
  const errors = isApiError(save.error) && !isConflict(save.error) ? save.error.fieldErrors : {};
  const byTime = values.sale_unit === "hour" || values.sale_unit === "30min";
  const kindName = tApp(`resourceKind.${kind}`);

  const change = (name: NumberField, value: string) => {
    setDone(null);
    setValues((current) => ({ ...current, [name]: value }));
  };
  const numbers = (names: NumberField[]) => (
    <div className="field-row">
      {names.map((name) => (
        <NumberField key={name} name={name} values={values} onChange={change} errors={errors} />
      ))}
    </div>
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    reset.reset();
    const input = inputOf(kind, values);
    if (!byTime) {
      input.min_duration_minutes = null;
      input.max_duration_minutes = null;
    }
    save.mutate(
      { row, input },
      {
        onSuccess: (saved) => {
          setValues(valuesOf(saved));
          setDone("saved");
        },
        onError: (error) => {
          if (isConflict<BookingRules>(error)) setValues(valuesOf(error.current));
        },
      },
    );
  };
  const onReset = () => {
    if (!row) return;
    setDone(null);
    save.reset();
    reset.mutate(row, {
      onSuccess: () => {
        setValues(valuesOf(defaults));
        setDone("reset");
      },
    });
  };

  return (
    <form className="stack-form rules-form" onSubmit={onSubmit} noValidate aria-label={kindName}>
      <h3>{kindName}</h3>
      <p className={row ? "section-hint" : "alert alert-info"}>
        {row ? t("rules.own") : t("rules.network")}
      </p>
      <div className="field">
        <label htmlFor={`${id}-unit`}>{t("rules.fields.sale_unit")}</label>
        <select
          id={`${id}-unit`}
          value={values.sale_unit}
          onChange={(event) => {
            setDone(null);
            setValues((current) => ({
              ...current,
              sale_unit: event.target.value as Values["sale_unit"],
            }));
          }}
        >
          {UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {t(`rules.units.${unit}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t("rules.when")}</legend>
        {numbers(["min_notice_minutes", "max_advance_days"])}
        {byTime ? numbers(["min_duration_minutes", "max_duration_minutes"]) : null}
      </fieldset>
      <fieldset>
        <legend>{t("rules.cancelAndNoShow")}</legend>
        {numbers(["cancellation_deadline_minutes", "no_show_grace_minutes"])}
      </fieldset>
      <fieldset>
        <legend>{t("rules.perMember")}</legend>
        {numbers(["max_active_bookings_per_member", "max_bookings_per_member_per_day"])}
      </fieldset>
      <fieldset>
        <legend>{t("rules.holdAndWaitlist")}</legend>
        <div className="field checkbox-field">
          <input
            id={`${id}-payment`}
            type="checkbox"
            checked={values.requires_payment}
            onChange={(event) => {
              setDone(null);
              setValues((current) => ({ ...current, requires_payment: event.target.checked }));
            }}
          />
          <label htmlFor={`${id}-payment`}>{t("rules.fields.requires_payment")}</label>
        </div>
        {numbers(["hold_minutes", "waitlist_offer_minutes"])}
      </fieldset>
      {isConflict(save.error) || isConflict(reset.error) ? <ConflictAlert /> : null}
      {save.error && !isConflict(save.error) ? <ErrorAlert error={save.error} /> : null}
      {reset.error && !isConflict(reset.error) ? <ErrorAlert error={reset.error} /> : null}
      {done === "saved" ? (
        <SuccessAlert>{t("rules.saved", { kind: kindName })}</SuccessAlert>
      ) : null}
      {done === "reset" ? (
        <SuccessAlert>{t("rules.resetDone", { kind: kindName })}</SuccessAlert>
      ) : null}
      <div className="action-row">
        <button type="submit" className="button" disabled={save.isPending}>
          {t("rules.save", { kind: kindName })}
        </button>
        {row ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={reset.isPending}
            onClick={onReset}
          >
            {t("rules.reset")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Every resource kind the place has (all four when it has none yet), each with its rules. */
export function RulesPanel({ spaceId }: { spaceId: number }) {
  const { t } = usePlaceSetupT();
  const { rules, defaults } = useBookingRules(spaceId);
  const resources = useManagedResources(spaceId);
  if (rules.isPending || defaults.isPending || resources.isPending) return <Loading />;
  const error = rules.error ?? defaults.error ?? resources.error;
  if (error) return <ErrorAlert error={error} onRetry={() => void rules.refetch()} />;
  const present = new Set<string>([
    ...(resources.data ?? []).map((item) => item.kind),
    ...(rules.data ?? []).map((row) => row.resource_kind),
  ]);
  const kinds = present.size ? KINDS.filter((kind) => present.has(kind)) : KINDS;
  return (
    <>
      <p>{t("rules.intro")}</p>
      {kinds.map((kind) => {
        const row = rules.data?.find((item) => item.resource_kind === kind);
        const fallback = defaults.data?.find((item) => item.resource_kind === kind);
        if (!fallback) return null;
        return <KindRules key={kind} spaceId={spaceId} kind={kind} row={row} defaults={fallback} />;
      })}
    </>
  );
}
