import { useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import { formatShortDate } from "@/lib/format";
import { useRecordCharter, type NetworkPlace } from "../api/places";
import { useFieldErrors } from "../field-errors";
import { useNetworkAdminT } from "../i18n";

/** The place's adherence to the network's charter, and a form to record or change it. */
export function CharterAdherence({ place }: { place: NetworkPlace }) {
  const { t, language } = useNetworkAdminT();
  const record = useRecordCharter();
  const [version, setVersion] = useState(place.charter_version ?? "");
  const [signedOn, setSignedOn] = useState(place.charter_signed_on ?? "");
  const [saved, setSaved] = useState(false);
  const errors = useFieldErrors(record.error);
  return (
    <div className="charter">
      <p>
        {place.charter_version && place.charter_signed_on
          ? t("charter.signed", {
              version: place.charter_version,
              date: formatShortDate(place.charter_signed_on, language),
            })
          : t("charter.notSigned")}
      </p>
      <details>
        <summary>{t("charter.edit")}</summary>
        <form
          className="filter-row"
          noValidate
          aria-label={t("charter.formLabel", { place: place.name })}
          onSubmit={(event) => {
            event.preventDefault();
            setSaved(false);
            record.mutate(
              { place, version: version.trim(), signed_on: signedOn },
              { onSuccess: () => setSaved(true) },
            );
          }}
        >
          <FormField
            label={t("charter.version")}
            hint={t("charter.versionHint")}
            value={version}
            maxLength={20}
            errors={errors.version}
            onChange={(event) => setVersion(event.target.value)}
          />
          <FormField
            label={t("charter.date")}
            type="date"
            value={signedOn}
            errors={errors.signed_on}
            onChange={(event) => setSignedOn(event.target.value)}
          />
          <button type="submit" className="button button-small" disabled={record.isPending}>
            {record.isPending ? t("places.working") : t("charter.save")}
          </button>
        </form>
        <div aria-live="polite">
          {saved && !record.isPending ? <SuccessAlert>{t("charter.saved")}</SuccessAlert> : null}
        </div>
        {record.error && !errors.version && !errors.signed_on ? (
          <ErrorAlert error={record.error}>
            {isApiError(record.error, 409) ? <p>{t("places.stale")}</p> : undefined}
          </ErrorAlert>
        ) : null}
      </details>
    </div>
  );
}
