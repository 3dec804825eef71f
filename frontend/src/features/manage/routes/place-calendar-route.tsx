import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isManager, useMe } from "@/lib/current-user";
import { NETWORK_TIME_ZONE, todayIn } from "@/lib/dates";
import { useManagedSpaces } from "../api/manage";
import { usePlaceCalendar } from "../api/place-calendar";
import {
  ClosuresPanel,
  MonthGrid,
  ResourcesPanel,
  SpecialOpeningsPanel,
  StopsPanel,
} from "../components/calendar-panels";
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

function shiftMonth(month: string, delta: number) {
  const [year, value] = month.split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, value - 1 + delta, 1));
  return date.toISOString().slice(0, 7);
}

function PlaceCalendar({
  spaceId,
  timeZone,
  itinerant,
}: {
  spaceId: number;
  timeZone: string;
  itinerant: boolean;
}) {
  const { t, language } = usePlaceSetupT();
  const id = useId();
  const today = todayIn(timeZone);
  const [month, setMonth] = useState(today.slice(0, 7));
  const { hours, closures, specials, stops, resources } = usePlaceCalendar(spaceId);
  const loading = [hours, closures, specials, stops].find((query) => query.isPending);
  const failed = [hours, closures, specials, stops, resources].find((query) => query.error);
  if (failed) return <ErrorAlert error={failed.error} onRetry={() => void failed.refetch()} />;
  if (loading || !hours.data || !closures.data || !specials.data || !stops.data) {
    return <Loading />;
  }
  const weekdays = t("calendar.weekdays").split(",");
  return (
    <>
      <Section title={t("calendar.title")}>
        <div className="action-row">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setMonth(shiftMonth(month, -1))}
          >
            {t("calendar.previousMonth")}
          </button>
          <div className="field">
            <label htmlFor={`${id}-month`}>{t("calendar.month")}</label>
            <input
              id={`${id}-month`}
              type="month"
              value={month}
              onChange={(event) => event.target.value && setMonth(event.target.value)}
            />
          </div>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setMonth(shiftMonth(month, 1))}
          >
            {t("calendar.nextMonth")}
          </button>
        </div>
        <MonthGrid
          month={month}
          hours={hours.data}
          closures={closures.data}
          specials={specials.data}
          stops={stops.data}
          itinerant={itinerant}
        />
      </Section>
      {itinerant ? (
        <Section title={t("calendar.stopsTitle")}>
          <StopsPanel spaceId={spaceId} stops={stops.data} timeZone={timeZone} today={today} />
        </Section>
      ) : (
        <Section title={t("calendar.weeklyTitle")}>
          {hours.data.length === 0 ? <p>{t("calendar.weeklyNone")}</p> : null}
          <ul className="plain-list">
            {hours.data.map((row) => (
              <li key={row.id}>
                {weekdays[row.weekday]} {row.opens.slice(0, 5)}–{row.closes.slice(0, 5)}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title={t("calendar.closuresTitle")}>
        <ClosuresPanel
          spaceId={spaceId}
          closures={closures.data.filter((row) => row.end_date >= today)}
          timeZone={timeZone}
        />
      </Section>
      <Section title={t("calendar.specialsTitle")}>
        <SpecialOpeningsPanel
          spaceId={spaceId}
          specials={specials.data.filter((row) => row.date >= today)}
        />
      </Section>
      <Section title={t("calendar.resourcesTitle")}>
        <ResourcesPanel spaceId={spaceId} resources={resources.data} timeZone={timeZone} />
      </Section>
      <span hidden>{language}</span>
    </>
  );
}

/** The place's calendar for its managers: hours, closures, special openings, stops. */
export function PlaceCalendarRoute() {
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
  const timeZone = space?.timezone || NETWORK_TIME_ZONE;
  const title = space ? `${t("calendar.title")} — ${space.name}` : t("calendar.title");

  return (
    <div className="manage-page">
      <PageTitle title={title} />
      <h1>{title}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {tApp("manage.loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(managePaths.calendar)}`}>
            {tApp("auth.login")}
          </Link>
        </p>
      ) : null}
      {me.data && !allowed ? <p>{tApp("manage.notManager")}</p> : null}
      {spaces.error ? <ErrorAlert error={spaces.error} /> : null}
      {spaces.data && list.length === 0 ? <p>{tApp("manage.noSpaces")}</p> : null}
      {space ? (
        <>
          <p>{t("calendar.intro", { timezone: timeZone })}</p>
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
            <Link to={`${managePaths.day}?space=${space.id}`}>{t("backToDay")}</Link>
          </p>
          <PlaceCalendar
            key={space.id}
            spaceId={space.id}
            timeZone={timeZone}
            itinerant={space.kind === "itinerant"}
          />
        </>
      ) : null}
    </div>
  );
}
