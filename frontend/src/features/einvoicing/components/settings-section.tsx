import { useId, useState, type FormEvent } from "react";
import { FormField } from "@/components/ui/form-field";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { formatInstantDate } from "@/lib/format";
import {
  useEInvoicingSettings,
  useUpdateEInvoicingSettings,
  type EInvoicingSettings,
} from "../api/einvoicing";
import { useFieldErrors } from "../field-errors";
import { useEInvoicingT } from "../i18n";

const PARIS = "Europe/Paris";

/** « Mandat et identifiant »: whether the network transmits in the operator's name, and the
 * operator's address in the reform's directory. */
export function SettingsSection({ operatorId }: { operatorId: number }) {
  const { t } = useEInvoicingT();
  const titleId = useId();
  const settings = useEInvoicingSettings(operatorId);
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>{t("settings.title")}</h2>
      {settings.isPending ? <Loading /> : null}
      {settings.error ? <ErrorAlert error={settings.error} /> : null}
      {settings.data ? <SettingsForm operatorId={operatorId} data={settings.data} /> : null}
    </section>
  );
}

function SettingsForm({ operatorId, data }: { operatorId: number; data: EInvoicingSettings }) {
  const { t, language } = useEInvoicingT();
  const update = useUpdateEInvoicingSettings(operatorId);
  const errors = useFieldErrors(update.error);
  const mandateId = useId();
  const mandateHintId = useId();
  const mandateErrorId = useId();
  const [mandate, setMandate] = useState(data.mandate_given ?? false);
  const [identifier, setIdentifier] = useState(data.platform_identifier ?? "");
  const [saved, setSaved] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    update.mutate(
      { mandate_given: mandate, platform_identifier: identifier.trim() },
      { onSuccess: () => setSaved(true) },
    );
  };
  const fieldErrorsShown = Object.keys(errors).length > 0;
  return (
    <form className="stack-form" onSubmit={submit} noValidate>
      <p>{data.siret ? t("settings.siret", { siret: data.siret }) : t("settings.noSiret")}</p>
      <p>
        {data.platform_name
          ? t("settings.platform", { name: data.platform_name })
          : t("settings.noPlatform")}
      </p>
      <div className="checkbox-field">
        <input
          id={mandateId}
          type="checkbox"
          checked={mandate}
          aria-describedby={[mandateHintId, errors.mandate_given ? mandateErrorId : null]
            .filter(Boolean)
            .join(" ")}
          aria-invalid={errors.mandate_given ? true : undefined}
          onChange={(event) => setMandate(event.target.checked)}
        />
        <label htmlFor={mandateId}>{t("settings.mandate")}</label>
        <p className="field-hint" id={mandateHintId}>
          {t("settings.mandateHint")}
        </p>
        {errors.mandate_given ? (
          <ul className="field-errors" id={mandateErrorId}>
            {errors.mandate_given.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <p>
        {data.mandate_given && data.mandate_given_at
          ? t("settings.mandateGiven", {
              date: formatInstantDate(data.mandate_given_at, PARIS, language, "medium"),
              email: data.mandate_given_by ?? "—",
            })
          : t("settings.noMandate")}
      </p>
      <FormField
        label={t("settings.identifier")}
        hint={t("settings.identifierHint")}
        value={identifier}
        autoComplete="off"
        inputMode="text"
        errors={errors.platform_identifier}
        onChange={(event) => setIdentifier(event.target.value)}
      />
      {update.error && !fieldErrorsShown ? <ErrorAlert error={update.error} /> : null}
      {saved && !update.isPending ? <SuccessAlert>{t("settings.saved")}</SuccessAlert> : null}
      <button type="submit" className="button" disabled={update.isPending}>
        {update.isPending ? t("settings.saving") : t("settings.save")}
      </button>
    </form>
  );
}
