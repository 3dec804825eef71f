import { useState } from "react";
import { Link } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { formatInstant } from "@/lib/format";
import { NETWORK_TIME_ZONE } from "@/lib/dates";
import { useNetworkInbox } from "../api/places";
import { AdminGate } from "../components/admin-gate";
import {
  MissingList,
  PublicationAction,
  PublicationDone,
  type PublicationNotice,
} from "../components/place-publication";
import { useNetworkAdminT } from "../i18n";
import { networkAdminPaths } from "../paths";
import "../network-home.css";

/** /reseau — the network team's home: what waits for it, each with the way to its page. */
export function NetworkHomeRoute() {
  const { t } = useNetworkAdminT();
  return (
    <div className="network-page">
      <PageTitle title={t("home.title")} />
      <h1>{t("home.title")}</h1>
      <AdminGate next={networkAdminPaths.home}>
        <Inbox />
      </AdminGate>
    </div>
  );
}

function Inbox() {
  const { t, language } = useNetworkAdminT();
  const inbox = useNetworkInbox();
  const [notice, setNotice] = useState<PublicationNotice | null>(null);
  if (inbox.isPending) return <Loading />;
  if (inbox.isError) {
    return <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />;
  }
  const data = inbox.data;
  return (
    <>
      <p>{t("home.intro")}</p>
      <div className="network-home-grid">
        <section aria-labelledby="home-applications" className="network-home-section">
          <h2 id="home-applications">{t("home.applications")}</h2>
          <p>
            {t("home.applicationsCounts", {
              new: data.applications_new,
              review: data.applications_in_review,
            })}
          </p>
          {data.applications.length > 0 ? (
            <ul>
              {data.applications.map((application) => (
                <li key={application.id}>
                  <strong>{application.place_name}</strong> — {application.carrier_name},{" "}
                  {application.commune_name} · {t(`home.applicationStatus.${application.status}`)} ·{" "}
                  {t("home.received", {
                    at: formatInstant(application.created_at, NETWORK_TIME_ZONE, language),
                  })}
                </li>
              ))}
            </ul>
          ) : (
            <p className="section-hint">{t("home.nothing")}</p>
          )}
          <p>
            <Link to="/reseau/candidatures">{t("home.toApplications")}</Link>
          </p>
        </section>

        <section aria-labelledby="home-places" className="network-home-section">
          <h2 id="home-places">{t("home.places")}</h2>
          <p>{t("home.draftsCounts", { count: data.drafts, ready: data.drafts_ready })}</p>
          <p>{t("home.charterMissing", { count: data.charter_missing })}</p>
          <PublicationDone notice={notice} />
          {data.draft_places.length > 0 ? (
            <ul className="network-place-list">
              {data.draft_places.map((place) => (
                <li key={place.id} className="network-place">
                  <h3 id={`place-${place.id}-name`}>
                    <Link to={`/gestion/lieu?space=${place.id}`}>{place.name}</Link>
                  </h3>
                  <p className="section-hint">
                    {place.operator_name} · {place.commune_name}
                  </p>
                  <MissingList place={place} />
                  {place.missing.length === 0 ? (
                    <PublicationAction place={place} onDone={setNotice} />
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="section-hint">{t("home.nothing")}</p>
          )}
          <p>
            <Link to={networkAdminPaths.places}>{t("home.toPlaces")}</Link>
          </p>
        </section>

        <section aria-labelledby="home-security" className="network-home-section">
          <h2 id="home-security">{t("home.security")}</h2>
          <p>{t("home.securityCount", { count: data.security_to_verify })}</p>
          {data.security_features.length > 0 ? (
            <ul>
              {data.security_features.map((feature) => (
                <li key={`${feature.space}-${feature.service}`}>
                  <strong>{feature.space_name}</strong> —{" "}
                  {language === "en" ? feature.service_name_en : feature.service_name_fr}
                </li>
              ))}
            </ul>
          ) : (
            <p className="section-hint">{t("home.nothing")}</p>
          )}
          <p>
            <Link to={networkAdminPaths.security}>{t("home.toSecurity")}</Link>
          </p>
        </section>

        <section aria-labelledby="home-census" className="network-home-section">
          <h2 id="home-census">{t("home.census")}</h2>
          <p>{t("home.censusWaiting", { count: data.census_waiting })}</p>
          {data.census_imports.length > 0 ? (
            <ul>
              {data.census_imports.map((file) => (
                <li key={file.id}>
                  <strong>{file.original_name}</strong> — {t(`home.censusStatus.${file.status}`)}
                  {file.status === "applied"
                    ? ` · ${t("home.censusReport", {
                        created: file.created_count,
                        updated: file.updated_count,
                        refused: file.refused_count,
                      })}`
                    : ""}{" "}
                  · {formatInstant(file.created_at, NETWORK_TIME_ZONE, language)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="section-hint">{t("home.nothing")}</p>
          )}
          <p>
            <Link to="/reseau/recensement">{t("home.toCensus")}</Link>
          </p>
        </section>
      </div>
      <h2>{t("home.more")}</h2>
      <ul className="network-home-links">
        <li>
          <Link to={networkAdminPaths.operators}>{t("operators.title")}</Link>
        </li>
        <li>
          <Link to={networkAdminPaths.catalogue}>{t("catalogue.title")}</Link>
        </li>
        <li>
          <Link to={networkAdminPaths.pass}>{t("pass.title")}</Link>
        </li>
        <li>
          <Link to="/reseau/couverture">{t("home.coverage")}</Link>
        </li>
        <li>
          <Link to={networkAdminPaths.review}>{t("title")}</Link>
        </li>
      </ul>
    </>
  );
}
