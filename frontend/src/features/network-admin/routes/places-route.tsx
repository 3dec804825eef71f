import { useId } from "react";
import { Link } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useNetworkPlaces, type PlaceStatus } from "../api/places";
import { AdminGate } from "../components/admin-gate";
import { CharterAdherence } from "../components/charter-form";
import { useState } from "react";
import {
  MissingList,
  PublicationAction,
  PublicationDone,
  PublicationBadge,
  type PublicationNotice,
} from "../components/place-publication";
import { useNetworkAdminT } from "../i18n";
import { networkAdminPaths } from "../paths";
import "../network-home.css";

/** /reseau/lieux — every place of the network: publish the complete drafts, unpublish. */
export function PlacesRoute() {
  const { t } = useNetworkAdminT();
  return (
    <div className="network-page">
      <PageTitle title={t("places.title")} />
      <p>
        <Link to={networkAdminPaths.home}>{t("home.back")}</Link>
      </p>
      <h1>{t("places.title")}</h1>
      <AdminGate next={networkAdminPaths.places}>
        <PlacesList />
      </AdminGate>
    </div>
  );
}

function PlacesList() {
  const { t } = useNetworkAdminT();
  const id = useId();
  const [status, setStatus] = useState<PlaceStatus | "">("draft");
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const places = useNetworkPlaces(status, search, page);
  const [notice, setNotice] = useState<PublicationNotice | null>(null);
  return (
    <>
      <p>{t("places.intro")}</p>
      <form
        className="filter-row"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(query.trim());
          setPage(1);
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("places.filter")}</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as PlaceStatus | "");
              setPage(1);
            }}
          >
            <option value="draft">{t("places.drafts")}</option>
            <option value="published">{t("places.publishedPlural")}</option>
            <option value="">{t("places.all")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t("places.search")}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={query}
            maxLength={100}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-secondary">
          {t("places.searchButton")}
        </button>
      </form>
      <PublicationDone notice={notice} />
      {places.isPending ? <Loading /> : null}
      {places.isError ? (
        <ErrorAlert error={places.error} onRetry={() => void places.refetch()} />
      ) : null}
      {places.data ? (
        <>
          <p role="status">{t("places.count", { count: places.data.count })}</p>
          <ul className="network-place-list">
            {places.data.results.map((place) => (
              <li key={place.id} className="network-place">
                <h2 id={`place-${place.id}-name`}>
                  <Link to={`/gestion/lieu?space=${place.id}`}>{place.name}</Link>{" "}
                  <PublicationBadge published={Boolean(place.is_published)} />
                </h2>
                <p className="section-hint">
                  {place.operator_name} · {place.commune_name} ({place.department_code})
                </p>
                {place.is_published ? null : <MissingList place={place} />}
                <PublicationAction place={place} onDone={setNotice} />
                <CharterAdherence key={place.version} place={place} />
              </li>
            ))}
          </ul>
          {places.data.next || places.data.previous ? (
            <nav aria-label={t("places.pagination")} className="pager">
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={!places.data.previous}
                onClick={() => setPage(page - 1)}
              >
                {t("places.previous")}
              </button>
              <span>{t("places.page", { page })}</span>
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={!places.data.next}
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
