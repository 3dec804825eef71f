import { useId, useState } from "react";
import { ErrorAlert, Loading } from "@/components/ui/status";
import type { ManagedSpace } from "@/lib/api/types";
import { NETWORK_TIME_ZONE, todayIn } from "@/lib/dates";
import { usePlaceCalendar } from "../api/place-calendar";
import {
  ClosuresPanel,
  MonthGrid,
  ResourcesPanel,
  SpecialOpeningsPanel,
  StopsPanel,
} from "../components/calendar-panels";
import { ManagedPlacePage, Section } from "../components/manage-page";
import { WeeklyHoursPanel } from "../components/weekly-hours-panel";
import { usePlaceSetupT } from "../i18n";
import { managePaths } from "../paths";

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
          <WeeklyHoursPanel spaceId={spaceId} timeZone={timeZone} />
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
  const zoneOf = (space: ManagedSpace) => space.timezone || NETWORK_TIME_ZONE;
  return (
    <ManagedPlacePage
      title={t("calendar.title")}
      path={managePaths.calendar}
      intro={(space) => <p>{t("calendar.intro", { timezone: zoneOf(space) })}</p>}
    >
      {(space) => (
        <PlaceCalendar
          key={space.id}
          spaceId={space.id}
          timeZone={zoneOf(space)}
          itinerant={space.kind === "itinerant"}
        />
      )}
    </ManagedPlacePage>
  );
}
