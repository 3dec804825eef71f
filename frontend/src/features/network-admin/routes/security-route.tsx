import { useId, useState } from "react";
import { Link } from "react-router";
import { FormField } from "@/components/ui/form-field";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { NETWORK_TIME_ZONE, todayIn } from "@/lib/dates";
import { formatShortDate } from "@/lib/format";
import {
  useSecurityFeatures,
  useUnverifyFeature,
  useVerifyFeature,
  type SecurityFeature,
  type SecurityStatus,
} from "../api/places";
import { AdminGate } from "../components/admin-gate";
import { useFieldErrors } from "../field-errors";
import { useNetworkAdminT } from "../i18n";
import { networkAdminPaths } from "../paths";
import "../network-home.css";

/** /reseau/securite — the network verifies the security features places declare. */
export function SecurityRoute() {
  const { t } = useNetworkAdminT();
  return (
    <div className="network-page">
      <PageTitle title={t("security.title")} />
      <p>
        <Link to={networkAdminPaths.home}>{t("home.back")}</Link>
      </p>
      <h1>{t("security.title")}</h1>
      <AdminGate next={networkAdminPaths.security}>
        <SecurityList />
      </AdminGate>
    </div>
  );
}

function SecurityList() {
  const { t } = useNetworkAdminT();
  const id = useId();
  const [status, setStatus] = useState<SecurityStatus | "">("to_verify");
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const features = useSecurityFeatures(status, page);
  return (
    <>
      <p>{t("security.intro")}</p>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t("places.filter")}</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as SecurityStatus | "");
            setPage(1);
          }}
        >
          <option value="to_verify">{t("security.toVerify")}</option>
          <option value="verified">{t("security.verifiedPlural")}</option>
          <option value="">{t("places.all")}</option>
        </select>
      </div>
      <div aria-live="polite">{notice ? <SuccessAlert>{notice}</SuccessAlert> : null}</div>
      {features.isPending ? <Loading /> : null}
      {features.isError ? (
        <ErrorAlert error={features.error} onRetry={() => void features.refetch()} />
      ) : null}
      {features.data ? (
        <>
          <p role="status">{t("security.count", { count: features.data.count })}</p>
          <ul className="network-place-list">
            {features.data.results.map((feature) => (
              <FeatureRow
                key={`${feature.space}-${feature.service}`}
                feature={feature}
                onDone={setNotice}
              />
            ))}
          </ul>
          {features.data.next || features.data.previous ? (
            <nav aria-label={t("places.pagination")} className="pager">
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={!features.data.previous}
                onClick={() => setPage(page - 1)}
              >
                {t("places.previous")}
              </button>
              <span>{t("places.page", { page })}</span>
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={!features.data.next}
                onClick={() => setPage(page + 1)}
              >
                {t("places.next")}
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function FeatureRow({
  feature,
  onDone,
}: {
  feature: SecurityFeature;
  onDone: (message: string) => void;
}) {
  const { t, language } = useNetworkAdminT();
  const verify = useVerifyFeature();
  const unverify = useUnverifyFeature();
  const [date, setDate] = useState(() => todayIn(NETWORK_TIME_ZONE));
  const [note, setNote] = useState("");
  const errors = useFieldErrors(verify.error);
  const service = language === "en" ? feature.service_name_en : feature.service_name_fr;
  const headingId = `feature-${feature.space}-${feature.service}`;
  return (
    <li className="network-place">
      <h2 id={headingId}>
        {service} — {feature.space_name}
      </h2>
      <p className="section-hint">
        {feature.operator_name} · {feature.commune_name}
      </p>
      {feature.verified && feature.verified_on ? (
        <>
          <p>
            {t("security.verifiedOn", {
              date: formatShortDate(feature.verified_on, language),
              who: feature.verified_by_email ?? t("security.someone"),
            })}
            {feature.note ? ` — ${feature.note}` : ""}
          </p>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={unverify.isPending}
            onClick={() =>
              unverify.mutate(
                { space: feature.space, service: feature.service },
                {
                  onSuccess: () =>
                    onDone(t("security.unverifiedDone", { service, place: feature.space_name })),
                },
              )
            }
          >
            {t("security.unverify")}
          </button>
          {unverify.error ? <ErrorAlert error={unverify.error} /> : null}
        </>
      ) : (
        <form
          className="filter-row"
          noValidate
          aria-label={t("security.formLabel", { service, place: feature.space_name })}
          onSubmit={(event) => {
            event.preventDefault();
            verify.mutate(
              { space: feature.space, service: feature.service, verified_on: date, note },
              {
                onSuccess: () =>
                  onDone(t("security.verifiedDone", { service, place: feature.space_name })),
              },
            );
          }}
        >
          <FormField
            label={t("security.date")}
            type="date"
            value={date}
            required
            errors={errors.verified_on}
            onChange={(event) => setDate(event.target.value)}
          />
          <FormField
            label={t("security.note")}
            value={note}
            maxLength={300}
            errors={errors.note}
            onChange={(event) => setNote(event.target.value)}
          />
          <button type="submit" className="button button-small" disabled={verify.isPending}>
            {verify.isPending ? t("places.working") : t("security.verify")}
          </button>
          {verify.error && !errors.verified_on && !errors.note ? (
            <ErrorAlert error={verify.error} />
          ) : null}
        </form>
      )}
    </li>
  );
}
