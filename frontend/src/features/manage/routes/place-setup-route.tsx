import { useId, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useTranslation } from "react-i18next";
import { isManager, useMe } from "@/lib/current-user";
import { useManagedSpaces } from "../api/manage";
import { useManagedPlace } from "../api/place-setup";
import { PhotosPanel } from "../components/photos-panel";
import {
  AccessibilitySection,
  DetailsSection,
  ServicesSection,
} from "../components/place-sections";
import { usePlaceSetupT } from "../i18n";
import { managePaths } from "../paths";

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="space-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function PlaceSetup({ spaceId }: { spaceId: number }) {
  const { t } = usePlaceSetupT();
  const place = useManagedPlace(spaceId);
  if (place.isPending) return <Loading />;
  if (place.error) return <ErrorAlert error={place.error} onRetry={() => void place.refetch()} />;
  const data = place.data;
  return (
    <>
      <p className={data.is_published ? "section-hint" : "alert alert-info"}>
        {data.is_published ? t("published") : t("draft")}
      </p>
      <Section title={t("details.title")}>
        <DetailsSection key={`details-${data.id}`} place={data} />
      </Section>
      <Section title={t("access.title")}>
        <AccessibilitySection key={`access-${data.id}`} place={data} />
      </Section>
      <Section title={t("services.title")}>
        <ServicesSection key={`services-${data.id}`} place={data} />
      </Section>
      <Section title={t("photos.title")}>
        <PhotosPanel spaceId={data.id} />
      </Section>
    </>
  );
}

/** A manager keeps their place's public page right: details, accessibility, services, photos. */
export function PlaceSetupRoute() {
  const { t } = usePlaceSetupT();
  const { t: tApp } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const allowed = isManager(me.data);
  const spaces = useManagedSpaces({ enabled: allowed });
  const list = spaces.data?.results ?? [];
  const spaceParam = Number.parseInt(params.get("space") ?? "", 10);
  const space = list.find((item) => item.id === spaceParam) ?? list[0];

  return (
    <div className="manage-page">
      <PageTitle title={space ? `${t("title")} — ${space.name}` : t("title")} />
      <h1>{space ? `${t("title")} — ${space.name}` : t("title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {tApp("manage.loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(managePaths.place)}`}>
            {tApp("auth.login")}
          </Link>
        </p>
      ) : null}
      {me.data && !allowed ? <p>{tApp("manage.notManager")}</p> : null}
      {spaces.error ? <ErrorAlert error={spaces.error} /> : null}
      {spaces.data && list.length === 0 ? <p>{tApp("manage.noSpaces")}</p> : null}
      {space ? (
        <>
          <p>{t("intro")}</p>
          <form className="manage-controls" onSubmit={(event) => event.preventDefault()}>
            <div className="field">
              <label htmlFor={`${id}-space`}>{tApp("manage.place")}</label>
              <select
                id={`${id}-space`}
                value={space.id}
                onChange={(event) => setParams({ space: event.target.value })}
              >
                {list.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name}
                  </option>
                ))}
              </select>
            </div>
          </form>
          <p>
            <Link to={`/gestion?space=${space.id}`}>{t("backToDay")}</Link>
          </p>
          <PlaceSetup key={space.id} spaceId={space.id} />
        </>
      ) : null}
    </div>
  );
}
