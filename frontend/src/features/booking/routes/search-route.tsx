import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert } from "@/components/ui/status";
import { formatDate } from "@/lib/format";
import { useAvailabilitySearch } from "../api/availability";
import { AvailabilityMap } from "../components/results-map";
import { SearchForm } from "../components/search-form";
import { SearchResults } from "../components/search-results";
import { parseSearch, searchToParams, searchToQuery } from "../search";

function prefersWideLayout(): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function"
    ? window.matchMedia("(min-width: 48rem)").matches
    : true;
}

/** "Réserver": places with free desks or rooms on a day, nearest first, as a list and a map. */
export function SearchRoute() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseSearch(searchParams), [searchParams]);
  const query = useMemo(() => searchToQuery(filters), [filters]);
  const search = useAvailabilitySearch(query);
  const [showMap, setShowMap] = useState(prefersWideLayout);

  const results = search.data?.results ?? [];
  const count = search.data?.count ?? 0;
  let statusText = "";
  if (search.isPending) statusText = t("booking.searching");
  else if (search.data) {
    statusText = t("booking.resultsCount", {
      count,
      date: formatDate(filters.date, i18n.language),
    });
    if (count > 0 && filters.nearCommune) statusText += `, ${t("directory.sortedByDistance")}`;
  }

  return (
    <div className="directory booking-search-page">
      <PageTitle title={t("booking.searchTitle")} />
      <div className="page-intro">
        <h1>{t("booking.searchTitle")}</h1>
        <p>{t("booking.searchIntro")}</p>
      </div>
      <div className="directory-layout">
        <SearchForm
          filters={filters}
          onSearch={(next) => setSearchParams(searchToParams(next), { flushSync: true })}
        />
        <section className="results" aria-labelledby={`${id}-results`}>
          <div className="results-header">
            <h2 id={`${id}-results`}>
              {t("booking.resultsFor", { date: formatDate(filters.date, i18n.language) })}
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
          {search.error ? (
            <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />
          ) : null}
          <div className={showMap ? "results-body with-map" : "results-body"}>
            <div className="results-list" aria-busy={search.isFetching}>
              <SearchResults results={results} filters={filters} />
            </div>
            {showMap ? (
              <AvailabilityMap id={`${id}-map`} results={results} filters={filters} />
            ) : (
              <div id={`${id}-map`} hidden />
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
