import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isManager, useMe } from "@/lib/current-user";
import { NETWORK_TIME_ZONE } from "@/lib/dates";
import { useManagedResources, useManagedSpaces } from "../api/calendars";
import { ExternalCalendars } from "../components/external-calendars";
import { ManagerFeeds } from "../components/manager-feeds";
import { useCalendarsT } from "../i18n";
import { calendarsPaths } from "../paths";

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="space-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A place's calendars, for its managers: occupancy feeds and imported calendars. */
export function ManageCalendarsRoute() {
  const { t } = useCalendarsT();
  const { t: tApp } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const allowed = isManager(me.data);
  const spaces = useManagedSpaces({ enabled: allowed });
  const list = spaces.data?.results ?? [];
  const spaceParam = Number.parseInt(params.get("space") ?? "", 10);
  const space = list.find((item) => item.id === spaceParam) ?? list[0];
  const resources = useManagedResources(space?.id ?? null);
  const resourceList = resources.data ?? [];

  return (
    <div className="manage-page">
      <PageTitle title={t("manage.title")} />
      <h1>{t("manage.title")}</h1>
      <p>
        <Link to={space ? `/gestion?space=${space.id}` : "/gestion"}>{t("manage.back")}</Link>
      </p>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {tApp("manage.loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(calendarsPaths.manage)}`}>
            {tApp("auth.login")}
          </Link>
        </p>
      ) : null}
      {me.data && !allowed ? <p>{tApp("manage.notManager")}</p> : null}
      {allowed && spaces.isPending ? <Loading /> : null}
      {spaces.error ? <ErrorAlert error={spaces.error} /> : null}
      {spaces.data && list.length === 0 ? <p>{tApp("manage.noSpaces")}</p> : null}
      {space ? (
        <>
          <form className="manage-controls" onSubmit={(event) => event.preventDefault()}>
            <div className="field">
              <label htmlFor={`${id}-space`}>{t("manage.place")}</label>
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
          <Section title={t("manage.feedsTitle")}>
            <ManagerFeeds spaceId={space.id} resources={resourceList} />
          </Section>
          <Section title={t("manage.externalTitle")}>
            <ExternalCalendars
              spaceId={space.id}
              resources={resourceList}
              timeZone={space.timezone || NETWORK_TIME_ZONE}
            />
          </Section>
        </>
      ) : null}
    </div>
  );
}
