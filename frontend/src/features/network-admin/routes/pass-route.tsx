import { useId, useState } from "react";
import { Link } from "react-router";
import { FormField } from "@/components/ui/form-field";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import {
  useDeleteTariff,
  usePassPlaces,
  useSetPassAcceptance,
  useSetTariff,
  useTariffs,
  type ResourceKind,
  type TariffUnit,
} from "../api/catalogue";
import { AdminGate } from "../components/admin-gate";
import { useFieldErrors } from "../field-errors";
import { useNetworkAdminT } from "../i18n";
import { networkAdminPaths } from "../paths";
import "../network-home.css";

const KINDS: ResourceKind[] = ["desk", "meeting_room", "phone_booth", "private_office"];
const UNITS: TariffUnit[] = ["hour", "half_day", "day"];

/** /reseau/pass — the pass tariff grid and which places accept the pass (network admins). */
export function PassRoute() {
  const { t } = useNetworkAdminT();
  return (
    <div className="network-page">
      <PageTitle title={t("pass.title")} />
      <p>
        <Link to={networkAdminPaths.home}>{t("home.back")}</Link>
      </p>
      <h1>{t("pass.title")}</h1>
      <AdminGate next={networkAdminPaths.pass}>
        <TariffGrid />
        <PassPlaces />
      </AdminGate>
    </div>
  );
}

function TariffGrid() {
  const { t, language } = useNetworkAdminT();
  const id = useId();
  const tariffs = useTariffs();
  const setTariff = useSetTariff();
  const remove = useDeleteTariff();
  const errors = useFieldErrors(setTariff.error);
  const [kind, setKind] = useState<ResourceKind>("desk");
  const [unit, setUnit] = useState<TariffUnit>("day");
  const [credits, setCredits] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const number = (value: string) =>
    new Intl.NumberFormat(language, { minimumFractionDigits: 2 }).format(Number(value));
  return (
    <section aria-labelledby={`${id}-grid`}>
      <h2 id={`${id}-grid`}>{t("pass.grid")}</h2>
      <p>{t("pass.gridIntro")}</p>
      <div aria-live="polite">{notice ? <SuccessAlert>{notice}</SuccessAlert> : null}</div>
      {tariffs.isPending ? <Loading /> : null}
      {tariffs.isError ? (
        <ErrorAlert error={tariffs.error} onRetry={() => void tariffs.refetch()} />
      ) : null}
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      {tariffs.data ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t("pass.gridCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pass.kind")}</th>
                {UNITS.map((value) => (
                  <th scope="col" key={value}>
                    {t(`pass.units.${value}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {KINDS.map((rowKind) => (
                <tr key={rowKind}>
                  <th scope="row">{t(`pass.kinds.${rowKind}`)}</th>
                  {UNITS.map((value) => {
                    const tariff = tariffs.data.find(
                      (row) => row.resource_kind === rowKind && row.unit === value,
                    );
                    return (
                      <td key={value}>
                        {tariff ? (
                          <>
                            {t("pass.credits", { credits: number(tariff.credits) })}{" "}
                            <button
                              type="button"
                              className="button button-secondary button-small"
                              disabled={remove.isPending}
                              aria-label={t("pass.remove", {
                                kind: t(`pass.kinds.${rowKind}`),
                                unit: t(`pass.units.${value}`),
                              })}
                              onClick={() => {
                                setNotice(null);
                                remove.mutate(tariff.id, {
                                  onSuccess: () => setNotice(t("pass.removed")),
                                });
                              }}
                            >
                              {t("pass.removeShort")}
                            </button>
                          </>
                        ) : (
                          t("pass.none")
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <form
        className="filter-row"
        noValidate
        aria-label={t("pass.set")}
        onSubmit={(event) => {
          event.preventDefault();
          setNotice(null);
          setTariff.mutate(
            { resource_kind: kind, unit, credits: credits.replace(",", ".").trim() },
            {
              onSuccess: (tariff) =>
                setNotice(
                  t("pass.saved", {
                    kind: t(`pass.kinds.${tariff.resource_kind}`),
                    unit: t(`pass.units.${tariff.unit}`),
                    credits: number(tariff.credits),
                  }),
                ),
            },
          );
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t("pass.kind")}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(event) => setKind(event.target.value as ResourceKind)}
          >
            {KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`pass.kinds.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t("pass.unit")}</label>
          <select
            id={`${id}-unit`}
            value={unit}
            onChange={(event) => setUnit(event.target.value as TariffUnit)}
          >
            {UNITS.map((value) => (
              <option key={value} value={value}>
                {t(`pass.units.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <FormField
          label={t("pass.creditsLabel")}
          hint={t("pass.creditsHint")}
          inputMode="decimal"
          value={credits}
          errors={errors.credits}
          onChange={(event) => setCredits(event.target.value)}
        />
        <button type="submit" className="button" disabled={setTariff.isPending}>
          {setTariff.isPending ? t("places.working") : t("pass.set")}
        </button>
      </form>
      {setTariff.error && !errors.credits ? <ErrorAlert error={setTariff.error} /> : null}
    </section>
  );
}

function PassPlaces() {
  const { t } = useNetworkAdminT();
  const id = useId();
  const places = usePassPlaces();
  const accept = useSetPassAcceptance();
  const [filter, setFilter] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const shown = (places.data?.results ?? []).filter((place) =>
    `${place.name} ${place.operator_name}`.toLowerCase().includes(filter.trim().toLowerCase()),
  );
  return (
    <section aria-labelledby={`${id}-places`}>
      <h2 id={`${id}-places`}>{t("pass.places")}</h2>
      <p>{t("pass.placesIntro")}</p>
      <FormField
        label={t("pass.filter")}
        type="search"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      <div aria-live="polite">{notice ? <SuccessAlert>{notice}</SuccessAlert> : null}</div>
      {accept.error ? <ErrorAlert error={accept.error} /> : null}
      {places.isPending ? <Loading /> : null}
      {places.isError ? (
        <ErrorAlert error={places.error} onRetry={() => void places.refetch()} />
      ) : null}
      {places.data ? (
        <>
          <p role="status">
            {t("pass.accepting", {
              count: places.data.results.filter((place) => place.accepts_network_pass).length,
              total: places.data.count,
            })}
          </p>
          <ul className="network-place-list">
            {shown.map((place) => (
              <li key={place.id} className="network-place">
                <input
                  id={`${id}-${place.id}`}
                  type="checkbox"
                  checked={
                    accept.isPending && accept.variables.id === place.id
                      ? accept.variables.accepts
                      : Boolean(place.accepts_network_pass)
                  }
                  disabled={accept.isPending}
                  onChange={(event) => {
                    const accepts = event.target.checked;
                    setNotice(null);
                    accept.mutate(
                      { id: place.id, accepts },
                      {
                        onSuccess: () =>
                          setNotice(
                            t(accepts ? "pass.nowAccepts" : "pass.noLongerAccepts", {
                              name: place.name,
                            }),
                          ),
                      },
                    );
                  }}
                />{" "}
                <label htmlFor={`${id}-${place.id}`}>
                  {t("pass.acceptsAt", { name: place.name })}
                </label>{" "}
                <span className="section-hint">
                  {place.operator_name} ({place.department_code})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
