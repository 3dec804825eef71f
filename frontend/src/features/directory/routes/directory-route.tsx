import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import { useSpaces } from "../api/get-spaces";
import { FilterPanel } from "../components/filter-panel";
import { Pagination } from "../components/pagination";
import { ResultsMap } from "../components/results-map";
import { SpaceList } from "../components/space-list";
import { PAGE_SIZE } from "../constants";
import { filtersToQuery, hasProximity } from "../filters";
import { useDirectoryFilters } from "../hooks";

/** API filter names → the label of the control that sets them. */
const FIELD_LABELS = {
  department: "directory.department",
  kind: "directory.kind",
  setting: "directory.setting",
  services: "directory.services",
  base_set: "directory.baseSet",
  open_on: "directory.openOn",
  accepts_pass: "directory.acceptsPass",
  q: "directory.search",
  near: "directory.nearMe",
  near_commune: "directory.nearCommune",
  radius_km: "directory.radius",
} as const;

function prefersWideLayout(): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function"
    ? window.matchMedia("(min-width: 48rem)").matches
    : true;
}

export function DirectoryRoute() {
  const { t } = useTranslation();
  const id = useId();
  const [filters] = useDirectoryFilters();
  const query = useMemo(() => filtersToQuery(filters), [filters]);
  const spaces = useSpaces(query);
  const [showMap, setShowMap] = useState(prefersWideLayout);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  // On a page change, bring keyboard and screen-reader users back to the top of the results.
  const previousPage = useRef(filters.page);
  useEffect(() => {
    if (previousPage.current !== filters.page) {
      previousPage.current = filters.page;
      resultsHeading.current?.focus();
    }
  }, [filters.page]);

  const results = spaces.data?.results ?? [];
  const count = spaces.data?.count ?? 0;
  const error = spaces.error;
  const filterErrors = isApiError(error, 400) ? error.fieldErrors : null;

  let statusText = "";
  if (spaces.isPending) statusText = t("directory.loadingResults");
  else if (spaces.data) {
    statusText = t("directory.resultsCount", { count });
    if (count > 0 && hasProximity(filters)) statusText += `, ${t("directory.sortedByDistance")}`;
  }

  return (
    <div className="directory">
      <PageTitle title={t("directory.title")} />
      <div className="page-intro">
        <h1>{t("directory.title")}</h1>
        <p>{t("directory.intro")}</p>
      </div>
      <div className="directory-layout">
        <FilterPanel />
        <section className="results" aria-labelledby={`${id}-results`}>
          <div className="results-header">
            <h2 id={`${id}-results`} ref={resultsHeading} tabIndex={-1}>
              {t("directory.results")}
            </h2>
            <p className="results-count" role="status" aria-live="polite" aria-atomic="true">
              {statusText}
            </p>
            <button
              type="button"
              className="button button-secondary map-toggle"
              aria-expanded={showMap}
              aria-controls={`${id}-map`}
              onClick={() => setShowMap((shown) => !shown)}
            >
              {showMap ? t("directory.hideMap") : t("directory.showMap")}
            </button>
          </div>
          {filterErrors ? (
            <ErrorAlert error={error} title={t("directory.invalidFilters")}>
              <ul>
                {Object.entries(filterErrors).map(([field, messages]) => (
                  <li key={field}>
                    {t("app.fieldError", {
                      field:
                        field in FIELD_LABELS
                          ? t(FIELD_LABELS[field as keyof typeof FIELD_LABELS])
                          : field,
                      message: messages.join(" "),
                    })}
                  </li>
                ))}
              </ul>
            </ErrorAlert>
          ) : error ? (
            <ErrorAlert error={error} onRetry={() => void spaces.refetch()} />
          ) : null}
          <div className={showMap ? "results-body with-map" : "results-body"}>
            <div className="results-list" aria-busy={spaces.isFetching}>
              <SpaceList spaces={results} />
              {spaces.data ? (
                <Pagination filters={filters} count={count} pageSize={PAGE_SIZE} />
              ) : null}
            </div>
            {showMap ? (
              <ResultsMap id={`${id}-map`} spaces={results} />
            ) : (
              <div id={`${id}-map`} hidden />
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
