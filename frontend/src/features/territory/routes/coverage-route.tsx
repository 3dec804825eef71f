import { useId, useMemo, useState } from "react";
import { Link } from "react-router";
import { LazyMapView } from "@/components/map/lazy-map-view";
import type { MapMarker } from "@/components/map/map-view";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { ApiError, localizedMessage } from "@/lib/api/errors";
import { useMe } from "@/lib/current-user";
import { formatShortDate } from "@/lib/format";
import { useCoverage, type Coverage, type CoverageParams } from "../api/coverage";
import { useCoverageT } from "../i18n";
import { coveragePaths } from "../paths";
import "../coverage.css";

const PAGE = 50;

function useNumber(language: string) {
  return useMemo(() => new Intl.NumberFormat(language === "en" ? "en-GB" : "fr-FR"), [language]);
}

function BeyondTable({ coverage }: { coverage: Coverage }) {
  const { t, language } = useCoverageT();
  const number = useNumber(language);
  const percent = (value: number) =>
    coverage.total_population
      ? `${((100 * value) / coverage.total_population).toFixed(1).replace(".", language === "en" ? "." : ",")} %`
      : "—";
  return (
    <table className="coverage-table">
      <caption>{t("beyondCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("distance")}</th>
          <th scope="col">{t("population")}</th>
          <th scope="col">{t("share")}</th>
        </tr>
      </thead>
      <tbody>
        {coverage.beyond.map((row) => (
          <tr key={row.km}>
            <th scope="row">{t("moreThan", { km: row.km })}</th>
            <td>{number.format(row.population)}</td>
            <td>{percent(row.population)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DepartmentsTable({ coverage }: { coverage: Coverage }) {
  const { t, language } = useCoverageT();
  const number = useNumber(language);
  const min = coverage.min_group_size;
  return (
    <div className="coverage-table-wrap">
      <table className="coverage-table">
        <caption>{t("departmentsCaption", { min })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("department")}</th>
            <th scope="col">{t("population")}</th>
            {coverage.beyond.map((row) => (
              <th scope="col" key={row.km}>
                {t("moreThan", { km: row.km })}
              </th>
            ))}
            <th scope="col">{t("emptySearches")}</th>
            <th scope="col">{t("members")}</th>
          </tr>
        </thead>
        <tbody>
          {coverage.departments.map((row) => (
            <tr key={row.code}>
              <th scope="row">
                {row.code} {row.name}
              </th>
              <td>{number.format(row.population)}</td>
              {row.beyond.map((cell) => (
                <td key={cell.km}>{number.format(cell.population)}</td>
              ))}
              <td>{number.format(row.empty_searches)}</td>
              <td>{row.members === null ? t("hidden", { min }) : number.format(row.members)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SuggestedStops({ coverage }: { coverage: Coverage }) {
  const { t, language } = useCoverageT();
  const number = useNumber(language);
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("suggested")}</h2>
      <p>{t("suggestedIntro", { km: coverage.stop_radius_km })}</p>
      {coverage.suggested_stops.length === 0 ? (
        <p>{t("noSuggestion", { km: coverage.stop_radius_km })}</p>
      ) : (
        <table className="coverage-table">
          <caption>{t("suggestedCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("rank")}</th>
              <th scope="col">{t("commune")}</th>
              <th scope="col">{t("covered")}</th>
              <th scope="col">{t("coveredCommunes")}</th>
            </tr>
          </thead>
          <tbody>
            {coverage.suggested_stops.map((stop, index) => (
              <tr key={stop.insee_code}>
                <td>{index + 1}</td>
                <th scope="row">
                  {stop.name} ({stop.department_code})
                </th>
                <td>{number.format(stop.covered_population)}</td>
                <td>{stop.covered_communes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CoverageMap({ coverage }: { coverage: Coverage }) {
  const { t } = useCoverageT();
  const markers: MapMarker[] = useMemo(() => {
    const communes = new Map(coverage.communes.map((row) => [row.insee_code, row]));
    const points = coverage.points.map((point, index) => ({
      id: `p${index}`,
      position: [point.latitude, point.longitude] as [number, number],
      title:
        point.kind === "stop"
          ? t("stopMarker", { name: point.name })
          : t("placeMarker", { name: point.name }),
    }));
    const suggested = coverage.suggested_stops.flatMap((stop, index) => {
      const commune = communes.get(stop.insee_code);
      return commune
        ? [
            {
              id: `s${stop.insee_code}`,
              position: [commune.latitude, commune.longitude] as [number, number],
              title: t("suggestedMarker", { rank: index + 1, name: stop.name }),
            },
          ]
        : [];
    });
    return [...points, ...suggested];
  }, [coverage, t]);
  return (
    <section aria-label={t("map")}>
      <p className="field-hint">{t("mapNote")}</p>
      <LazyMapView markers={markers} label={t("map")} className="coverage-map" />
    </section>
  );
}

function CommunesTable({ coverage }: { coverage: Coverage }) {
  const { t, language } = useCoverageT();
  const number = useNumber(language);
  const id = useId();
  const [department, setDepartment] = useState("");
  const [shown, setShown] = useState(PAGE);
  const rows = coverage.communes.filter((row) => !department || row.department_code === department);
  const min = coverage.min_group_size;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("communes")}</h2>
      <div className="field">
        <label htmlFor={`${id}-department`}>{t("filterDepartment")}</label>
        <select
          id={`${id}-department`}
          value={department}
          onChange={(event) => {
            setDepartment(event.target.value);
            setShown(PAGE);
          }}
        >
          <option value="">{t("all")}</option>
          {coverage.departments.map((row) => (
            <option key={row.code} value={row.code}>
              {row.code} {row.name}
            </option>
          ))}
        </select>
      </div>
      <p aria-live="polite">
        {t("showing", { shown: Math.min(shown, rows.length), total: rows.length })}
      </p>
      <div className="coverage-table-wrap">
        <table className="coverage-table">
          <caption>{t("communesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("commune")}</th>
              <th scope="col">{t("population")}</th>
              <th scope="col">{t("distance")}</th>
              <th scope="col">{t("nearest")}</th>
              <th scope="col">{t("members")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map((row) => (
              <tr key={row.insee_code}>
                <th scope="row">
                  {row.name} ({row.department_code})
                </th>
                <td>{number.format(row.population)}</td>
                <td>
                  {row.nearest_km === null ? "—" : t("km", { km: number.format(row.nearest_km) })}
                </td>
                <td>{row.nearest_place || t("none")}</td>
                <td>{row.members === null ? t("hidden", { min }) : number.format(row.members)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown < rows.length ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setShown(shown + PAGE)}
        >
          {t("more")}
        </button>
      ) : null}
    </section>
  );
}

function CoverageReport() {
  const { t, language } = useCoverageT();
  const id = useId();
  const [params, setParams] = useState<CoverageParams>({ radius: 10, stops: 5 });
  const coverage = useCoverage(params);
  const fieldErrors = coverage.error instanceof ApiError ? coverage.error.fieldErrors : {};
  const errorOf = (name: string) =>
    fieldErrors[name]?.map((message) => localizedMessage(message, language)).join(" ");
  return (
    <>
      <fieldset className="fieldset coverage-settings">
        <legend>{t("settings")}</legend>
        <div className="field">
          <label htmlFor={`${id}-week`}>{t("week")}</label>
          <input
            id={`${id}-week`}
            type="date"
            value={params.date ?? ""}
            aria-invalid={errorOf("date") ? true : undefined}
            onChange={(event) => setParams({ ...params, date: event.target.value || undefined })}
          />
          {errorOf("date") ? <p className="field-errors">{errorOf("date")}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-radius`}>{t("radius")}</label>
          <select
            id={`${id}-radius`}
            value={params.radius}
            onChange={(event) =>
              setParams({ ...params, radius: Number(event.target.value) as 10 | 20 | 30 })
            }
          >
            {[10, 20, 30].map((km) => (
              <option key={km} value={km}>
                {t("km", { km })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-stops`}>{t("stops")}</label>
          <select
            id={`${id}-stops`}
            value={params.stops}
            onChange={(event) => setParams({ ...params, stops: Number(event.target.value) })}
          >
            {[3, 5, 10, 15, 20].map((count) => (
              <option key={count} value={count}>
                {count}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      {coverage.isPending ? <Loading /> : null}
      {coverage.isError && !Object.keys(fieldErrors).length ? (
        <ErrorAlert error={coverage.error} onRetry={() => void coverage.refetch()} />
      ) : null}
      {coverage.data ? (
        <>
          <p aria-live="polite">
            {t("weekOf", {
              start: formatShortDate(coverage.data.week_start, language),
              end: formatShortDate(coverage.data.week_end, language),
              places: coverage.data.points.length,
            })}
          </p>
          <section aria-labelledby={`${id}-beyond`}>
            <h2 id={`${id}-beyond`}>{t("beyondTitle")}</h2>
            <BeyondTable coverage={coverage.data} />
          </section>
          <section aria-labelledby={`${id}-departments`}>
            <h2 id={`${id}-departments`}>{t("departments")}</h2>
            <DepartmentsTable coverage={coverage.data} />
          </section>
          <SuggestedStops coverage={coverage.data} />
          <CoverageMap coverage={coverage.data} />
          <CommunesTable coverage={coverage.data} />
        </>
      ) : null}
    </>
  );
}

/** /reseau/couverture: how far the region's communes are from the network's places. */
export function CoverageRoute() {
  const { t } = useCoverageT();
  const me = useMe();
  return (
    <div className="coverage-page">
      <PageTitle title={t("title")} />
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(coveragePaths.coverage)}`}>
            {t("login")}
          </Link>
        </p>
      ) : null}
      {me.data && !me.data.is_network_admin ? <p role="alert">{t("notAllowed")}</p> : null}
      {me.data?.is_network_admin ? <CoverageReport /> : null}
    </div>
  );
}
