import { useId, useState, type FormEvent } from "react";
import { FormField } from "@/components/ui/form-field";
import { useEmployersT } from "../i18n";
import type { Employer, EmployerInput, EmployerKind } from "../api/types";
import { FormError } from "./common";
import { useFieldErrors } from "../field-errors";

const KINDS: EmployerKind[] = ["company", "public_body", "association"];

const EMPTY: EmployerInput = {
  name: "",
  legal_name: "",
  kind: "company",
  siret: "",
  vat_number: "",
  address_line1: "",
  address_line2: "",
  postal_code: "",
  city: "",
  invoice_email: "",
  email_domain: "",
  chorus_service_code: "",
  chorus_service_code_required: false,
  chorus_engagement_required: false,
};

type ChorusFlag = "chorus_service_code_required" | "chorus_engagement_required";
type TextField = Exclude<keyof EmployerInput, "kind" | ChorusFlag>;

type EmployerFormProps = {
  initial?: Employer;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: EmployerInput) => void;
};

/** The employer's identity and billing details (create or edit). */
export function EmployerForm({ initial, submitLabel, busy, error, onSubmit }: EmployerFormProps) {
  const { t } = useEmployersT();
  const id = useId();
  const [values, setValues] = useState<EmployerInput>(() =>
    initial
      ? (Object.fromEntries(
          Object.keys(EMPTY).map((key) => [key, initial[key as keyof EmployerInput] ?? ""]),
        ) as EmployerInput)
      : EMPTY,
  );
  const errors = useFieldErrors(error);

  const text = (
    name: TextField,
    options: {
      required?: boolean;
      type?: string;
      autoComplete?: string;
      inputMode?: "numeric";
    } = {},
  ) => (
    <FormField
      label={t(`form.${name}`) + (options.required ? " *" : "")}
      hint={
        name === "siret" || name === "vat_number" || name === "email_domain"
          ? t(`form.${name}Hint`)
          : undefined
      }
      name={name}
      type={options.type ?? "text"}
      required={options.required}
      autoComplete={options.autoComplete ?? "off"}
      inputMode={options.inputMode}
      value={String(values[name] ?? "")}
      errors={errors[name]}
      onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
    />
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit({
      ...values,
      siret: values.siret.replace(/\s/g, ""),
      vat_number: (values.vat_number ?? "").replace(/\s/g, "").toUpperCase(),
    });
  };

  return (
    <form className="stack-form employer-form" onSubmit={submit} noValidate>
      <p className="field-hint">{t("form.requiredHint")}</p>
      <div className="field-row">
        {text("name", { required: true, autoComplete: "organization" })}
        {text("legal_name", { required: true })}
      </div>
      <fieldset className="fieldset">
        <legend>{t("form.kind")}</legend>
        <ul className="radio-list">
          {KINDS.map((kind) => (
            <li key={kind} className="checkbox-field">
              <input
                type="radio"
                id={`${id}-${kind}`}
                name={`${id}-kind`}
                checked={values.kind === kind}
                onChange={() => setValues((current) => ({ ...current, kind }))}
              />
              <label htmlFor={`${id}-${kind}`}>{t(`kind.${kind}`)}</label>
            </li>
          ))}
        </ul>
        {values.kind === "public_body" ? (
          <p className="field-hint">{t("form.publicBodyHint")}</p>
        ) : null}
      </fieldset>
      <div className="field-row">
        {text("siret", { required: true, inputMode: "numeric" })}
        {text("vat_number")}
      </div>
      {text("address_line1", { required: true, autoComplete: "address-line1" })}
      {text("address_line2", { autoComplete: "address-line2" })}
      <div className="field-row">
        {text("postal_code", { required: true, autoComplete: "postal-code", inputMode: "numeric" })}
        {text("city", { required: true, autoComplete: "address-level2" })}
      </div>
      <div className="field-row">
        {text("invoice_email", { required: true, type: "email", autoComplete: "email" })}
        {text("email_domain")}
      </div>
      {values.kind === "public_body" ? (
        <fieldset className="fieldset">
          <legend>{t("form.chorus")}</legend>
          {text("chorus_service_code")}
          {(["chorus_service_code_required", "chorus_engagement_required"] as const).map((flag) => (
            <div key={flag} className="checkbox-field">
              <input
                type="checkbox"
                id={`${id}-${flag}`}
                checked={values[flag] === true}
                onChange={(event) =>
                  setValues((current) => ({ ...current, [flag]: event.target.checked }))
                }
              />
              <label htmlFor={`${id}-${flag}`}>{t(`form.${flag}`)}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <FormError error={error} shown={Object.keys(values)} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("common.saving") : submitLabel}
      </button>
    </form>
  );
}
