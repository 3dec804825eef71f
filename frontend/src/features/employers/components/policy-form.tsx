import { useId, useState, type FormEvent } from "react";
import { Combobox } from "@/components/ui/combobox";
import { FormField } from "@/components/ui/form-field";
import { weekdayName } from "@/lib/format";
import { useDepartments, useSpaceNames, useSpaceSearch } from "../api/employers";
import type { Department, Policy, PolicyInput, ResourceKind } from "../api/types";
import { useEmployersT } from "../i18n";
import { FormError } from "./common";
import { useFieldErrors } from "../field-errors";

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];
const KINDS: ResourceKind[] = ["desk", "phone_booth", "meeting_room", "private_office"];

/** The form's state: numbers as the text typed ("" = no limit). */
type Values = {
  days_per_week: string;
  days_per_month: string;
  allowed_weekdays: number[];
  allowed_resource_kinds: ResourceKind[];
  allowed_departments: Department[];
  allowed_spaces: number[];
  max_distance_km: string;
  secure_places_only: boolean;
  may_pay_personally: boolean;
  company_share_percent: string;
  invoice_overage: boolean;
};

function toValues(policy: Partial<Policy> | undefined): Values {
  const trim = (value: string | null | undefined) => (value ? String(Number(value)) : "");
  return {
    days_per_week: trim(policy?.days_per_week),
    days_per_month: trim(policy?.days_per_month),
    allowed_weekdays: policy?.allowed_weekdays ?? [],
    allowed_resource_kinds: policy?.allowed_resource_kinds ?? [],
    allowed_departments: policy?.allowed_departments ?? [],
    allowed_spaces: policy?.allowed_spaces ?? [],
    max_distance_km: policy?.max_distance_km ? String(policy.max_distance_km) : "",
    secure_places_only: policy?.secure_places_only ?? false,
    may_pay_personally: policy?.may_pay_personally ?? true,
    company_share_percent: String(policy?.company_share_percent ?? 100),
    invoice_overage: policy?.invoice_overage ?? false,
  };
}

function toInput(values: Values): PolicyInput {
  const decimal = (text: string) => (text.trim() ? text.trim().replace(",", ".") : null);
  return {
    days_per_week: decimal(values.days_per_week),
    days_per_month: decimal(values.days_per_month),
    allowed_weekdays: values.allowed_weekdays,
    allowed_resource_kinds: values.allowed_resource_kinds,
    allowed_departments: values.allowed_departments,
    allowed_spaces: values.allowed_spaces,
    max_distance_km: values.max_distance_km.trim() ? Number(values.max_distance_km) : null,
    secure_places_only: values.secure_places_only,
    may_pay_personally: values.may_pay_personally,
    company_share_percent: Number(values.company_share_percent) || 100,
    invoice_overage: values.invoice_overage,
  };
}

function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((value) => value !== item) : [...list, item];
}

/** A group of checkboxes (empty = "any"), explained in one sentence. */
function CheckGroup<T extends string | number>({
  legend,
  help,
  options,
  selected,
  label,
  onChange,
  errors,
}: {
  legend: string;
  help: string;
  options: T[];
  selected: T[];
  label: (option: T) => string;
  onChange: (next: T[]) => void;
  errors?: string[];
}) {
  const id = useId();
  return (
    <fieldset className="fieldset" aria-describedby={`${id}-help`}>
      <legend>{legend}</legend>
      <p className="field-hint" id={`${id}-help`}>
        {help}
      </p>
      <ul className="checkbox-list policy-options">
        {options.map((option) => (
          <li key={String(option)} className="checkbox-field">
            <input
              type="checkbox"
              id={`${id}-${option}`}
              checked={selected.includes(option)}
              onChange={() => onChange(toggle(selected, option))}
            />
            <label htmlFor={`${id}-${option}`}>{label(option)}</label>
          </li>
        ))}
      </ul>
      {errors?.length ? (
        <ul className="field-errors">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

/** Places: searched in the directory by name, listed with a remove button each. */
function PlacesPicker({
  selected,
  onChange,
  errors,
}: {
  selected: number[];
  onChange: (ids: number[]) => void;
  errors?: string[];
}) {
  const { t } = useEmployersT();
  const [text, setText] = useState("");
  const [names, setNames] = useState<Map<number, string>>(new Map());
  const search = useSpaceSearch(text);
  const known = useSpaceNames(selected);
  const nameOf = (id: number) => names.get(id) ?? known.data?.get(id) ?? `#${id}`;
  const options = text.trim().length >= 2 ? search.data?.results : undefined;
  return (
    <div className="policy-places">
      <Combobox
        label={t("policy.places")}
        hint={t("policy.placesHelp")}
        error={errors?.join(" ")}
        text={text}
        onTextChange={setText}
        options={options}
        optionKey={(space) => String(space.id)}
        optionLabel={(space) => `${space.name} (${space.commune.name})`}
        announce={(count) => t("policy.placesFound", { count })}
        onSelect={(space) => {
          setNames((current) => new Map(current).set(space.id, space.name));
          if (!selected.includes(space.id)) onChange([...selected, space.id]);
          setText("");
        }}
      />
      {selected.length ? (
        <ul className="plain-list chosen-places" aria-label={t("policy.placesChosen")}>
          {selected.map((id) => (
            <li key={id}>
              <span>{nameOf(id)}</span>{" "}
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => onChange(selected.filter((value) => value !== id))}
              >
                {t("common.remove")} <span className="visually-hidden">— {nameOf(id)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="field-hint">{t("policy.placesAny")}</p>
      )}
    </div>
  );
}

type PolicyFormProps = {
  policy?: Partial<Policy>;
  busy: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (input: PolicyInput) => void;
};

/** Every rule of a policy, each explained in one sentence; empty means "no limit" / "any". */
export function PolicyForm({ policy, busy, error, submitLabel, onSubmit }: PolicyFormProps) {
  const { t, language } = useEmployersT();
  const id = useId();
  const departments = useDepartments();
  const [values, setValues] = useState<Values>(() => toValues(policy));
  const errors = useFieldErrors(error);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const departmentName = (code: string) =>
    departments.data?.find((department) => department.code === code)?.name ?? code;
  const departmentCodes = (departments.data?.map((department) => department.code) ??
    []) as Department[];

  const number = (
    key: "days_per_week" | "days_per_month" | "max_distance_km" | "company_share_percent",
    options: { min: number; max: number; step?: number; suffix?: string },
  ) => (
    <FormField
      label={t(`policy.${key}`)}
      hint={t(`policy.${key}Help`)}
      errors={errors[key]}
      type="number"
      inputMode="decimal"
      min={options.min}
      max={options.max}
      step={options.step ?? 1}
      value={values[key]}
      onChange={(event) => set(key, event.target.value)}
    />
  );

  const flag = (key: "secure_places_only" | "may_pay_personally" | "invoice_overage") => (
    <div className="checkbox-field">
      <input
        type="checkbox"
        id={`${id}-${key}`}
        checked={values[key]}
        aria-describedby={`${id}-${key}-help`}
        onChange={(event) => set(key, event.target.checked)}
      />
      <label htmlFor={`${id}-${key}`}>{t(`policy.${key}`)}</label>
      <p className="field-hint" id={`${id}-${key}-help`}>
        {t(`policy.${key}Help`)}
      </p>
    </div>
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(toInput(values));
  };

  return (
    <form className="stack-form policy-form" onSubmit={submit} noValidate>
      <fieldset className="fieldset">
        <legend>{t("policy.allowance")}</legend>
        <div className="field-row">
          {number("days_per_week", { min: 0.5, max: 7, step: 0.5 })}
          {number("days_per_month", { min: 0.5, max: 31, step: 0.5 })}
        </div>
      </fieldset>
      <CheckGroup
        legend={t("policy.weekdays")}
        help={t("policy.weekdaysHelp")}
        options={WEEKDAYS}
        selected={values.allowed_weekdays}
        label={(day) => weekdayName(day, language)}
        onChange={(next) => set("allowed_weekdays", next)}
        errors={errors.allowed_weekdays}
      />
      <CheckGroup
        legend={t("policy.kinds")}
        help={t("policy.kindsHelp")}
        options={KINDS}
        selected={values.allowed_resource_kinds}
        label={(kind) => t(`resourceKinds.${kind}`)}
        onChange={(next) => set("allowed_resource_kinds", next)}
        errors={errors.allowed_resource_kinds}
      />
      <fieldset className="fieldset">
        <legend>{t("policy.where")}</legend>
        <p className="field-hint">{t("policy.whereHelp")}</p>
        <CheckGroup
          legend={t("policy.departments")}
          help={t("policy.departmentsHelp")}
          options={departmentCodes}
          selected={values.allowed_departments}
          label={(code) => `${departmentName(code)} (${code})`}
          onChange={(next) => set("allowed_departments", next)}
          errors={errors.allowed_departments}
        />
        <PlacesPicker
          selected={values.allowed_spaces}
          onChange={(next) => set("allowed_spaces", next)}
          errors={errors.allowed_spaces}
        />
        {number("max_distance_km", { min: 1, max: 500 })}
        {flag("secure_places_only")}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("policy.payment")}</legend>
        {number("company_share_percent", { min: 1, max: 100 })}
        {flag("may_pay_personally")}
        {flag("invoice_overage")}
      </fieldset>
      <FormError error={error} shown={Object.keys(values)} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("common.saving") : submitLabel}
      </button>
    </form>
  );
}
