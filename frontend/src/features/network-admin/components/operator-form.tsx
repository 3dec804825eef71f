import { useId, useState, type FormEvent } from "react";
import { FormField } from "@/components/ui/form-field";
import { ErrorAlert } from "@/components/ui/status";
import type { CarrierKind, LegalForm, Operator, OperatorInput, VatStatus } from "../api/operators";
import { useFieldErrors } from "../field-errors";
import { useNetworkAdminT } from "../i18n";

const LEGAL_FORMS: LegalForm[] = [
  "association",
  "intercommunality",
  "municipality",
  "public_body",
  "company",
  "cooperative",
];
const CARRIER_KINDS: CarrierKind[] = ["public", "private"];
const VAT_STATUSES: VatStatus[] = ["registered", "franchise", "exempt_association", "public_body"];

type Props = {
  initial?: Operator;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: OperatorInput) => void;
};

function Errors({ messages, id }: { messages?: string[]; id: string }) {
  if (!messages?.length) return null;
  return (
    <ul className="field-errors" id={id}>
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/** An operator's identity: name, legal form, carrier kind, SIRET and VAT (checked server-side). */
export function OperatorForm({ initial, submitLabel, pending, error, onSubmit }: Props) {
  const { t } = useNetworkAdminT();
  const id = useId();
  const errors = useFieldErrors(error);
  const [form, setForm] = useState<OperatorInput>({
    name: initial?.name ?? "",
    legal_form: initial?.legal_form ?? "association",
    carrier_kind: initial?.carrier_kind ?? "private",
    siret: initial?.siret ?? "",
    vat_number: initial?.vat_number ?? "",
    vat_status: initial?.vat_status ?? "registered",
    email: initial?.email ?? "",
    phone: initial?.phone ?? "",
    website: initial?.website ?? "",
    address: initial?.address ?? "",
  });
  const set = <K extends keyof OperatorInput>(key: K, value: OperatorInput[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit({
      ...form,
      siret: (form.siret ?? "").replace(/\s/g, ""),
      vat_number: (form.vat_number ?? "").replace(/\s/g, "").toUpperCase(),
    });
  };
  const shown = Object.keys(errors);
  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-label={submitLabel}>
      <FormField
        label={`${t("operators.name")} *`}
        required
        value={form.name}
        errors={errors.name}
        onChange={(event) => set("name", event.target.value)}
      />
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-legal`}>{t("operators.legalForm")} *</label>
          <select
            id={`${id}-legal`}
            value={form.legal_form}
            aria-invalid={errors.legal_form ? true : undefined}
            aria-describedby={errors.legal_form ? `${id}-legal-error` : undefined}
            onChange={(event) => set("legal_form", event.target.value as LegalForm)}
          >
            {LEGAL_FORMS.map((value) => (
              <option key={value} value={value}>
                {t(`legalForms.${value}`)}
              </option>
            ))}
          </select>
          <Errors messages={errors.legal_form} id={`${id}-legal-error`} />
        </div>
        <fieldset className="fieldset">
          <legend>{t("operators.carrierKind")} *</legend>
          <ul className="plain-list">
            {CARRIER_KINDS.map((value) => (
              <li key={value} className="checkbox-field">
                <input
                  type="radio"
                  id={`${id}-carrier-${value}`}
                  name={`${id}-carrier`}
                  checked={form.carrier_kind === value}
                  onChange={() => set("carrier_kind", value)}
                />
                <label htmlFor={`${id}-carrier-${value}`}>{t(`carrierKinds.${value}`)}</label>
              </li>
            ))}
          </ul>
          <Errors messages={errors.carrier_kind} id={`${id}-carrier-error`} />
        </fieldset>
      </div>
      <div className="field-row">
        <FormField
          label={t("operators.siret")}
          hint={t("operators.siretHint")}
          inputMode="numeric"
          autoComplete="off"
          value={form.siret ?? ""}
          errors={errors.siret}
          onChange={(event) => set("siret", event.target.value)}
        />
        <FormField
          label={t("operators.vatNumber")}
          hint={t("operators.vatHint")}
          autoComplete="off"
          value={form.vat_number ?? ""}
          errors={errors.vat_number}
          onChange={(event) => set("vat_number", event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-vat-status`}>{t("operators.vatStatus")}</label>
        <select
          id={`${id}-vat-status`}
          value={form.vat_status}
          onChange={(event) => set("vat_status", event.target.value as VatStatus)}
        >
          {VAT_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`vatStatuses.${value}`)}
            </option>
          ))}
        </select>
        <Errors messages={errors.vat_status} id={`${id}-vat-status-error`} />
      </div>
      <div className="field-row">
        <FormField
          label={t("operators.email")}
          type="email"
          value={form.email ?? ""}
          errors={errors.email}
          onChange={(event) => set("email", event.target.value)}
        />
        <FormField
          label={t("operators.phone")}
          type="tel"
          value={form.phone ?? ""}
          errors={errors.phone}
          onChange={(event) => set("phone", event.target.value)}
        />
      </div>
      <FormField
        label={t("operators.website")}
        type="url"
        value={form.website ?? ""}
        errors={errors.website}
        onChange={(event) => set("website", event.target.value)}
      />
      <FormField
        label={t("operators.address")}
        value={form.address ?? ""}
        errors={errors.address}
        onChange={(event) => set("address", event.target.value)}
      />
      {error && !shown.length ? <ErrorAlert error={error} /> : null}
      {shown.length ? <p role="alert">{t("operators.fixErrors")}</p> : null}
      <button type="submit" className="button" disabled={pending || !form.name.trim()}>
        {submitLabel}
      </button>
    </form>
  );
}
