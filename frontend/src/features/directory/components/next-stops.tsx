import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { LazyMapView } from "@/components/map/lazy-map-view";
import type { MapMarker } from "@/components/map/map-view";
import type { ItineraryStop } from "@/lib/api/types";
import { capitalize, formatDate, formatTime } from "@/lib/format";

type NextStopsProps = {
  stops: ItineraryStop[];
  /** The place's time zone: dates and hours are its local ones. */
  timeZone: string;
  /** The public calendar feed of the stops (path), to subscribe to in a calendar app. */
  feedUrl?: string | null;
};

/** How many stops are listed before "show all". */
export const STOPS_SHOWN_FIRST = 10;

function stopKey(stop: ItineraryStop): string {
  return `${stop.date}-${stop.opens}-${stop.commune.insee_code}`;
}

/**
 * "Prochaines étapes" of an itinerant place: the list of stops (date, commune, hours, where),
 * then a small map with one marker per stopping place.
 */
export function NextStops({ stops, timeZone, feedUrl }: NextStopsProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const listId = useId();
  const [showAll, setShowAll] = useState(false);
  const sorted = useMemo(
    () => [...stops].sort((a, b) => a.date.localeCompare(b.date) || a.opens.localeCompare(b.opens)),
    [stops],
  );
  const shown = showAll ? sorted : sorted.slice(0, STOPS_SHOWN_FIRST);

  // A tour comes back to the same villages: one marker per place, listing its dates.
  const markers = useMemo<MapMarker[]>(() => {
    const byPlace = new Map<string, ItineraryStop[]>();
    for (const stop of sorted) {
      const key = `${stop.latitude},${stop.longitude}`;
      byPlace.set(key, [...(byPlace.get(key) ?? []), stop]);
    }
    return [...byPlace.entries()].map(([key, visits]) => {
      const first = visits[0] as ItineraryStop;
      return {
        id: key,
        position: [Number(first.latitude), Number(first.longitude)],
        title: t("space.stopMarker", {
          commune: first.commune.name,
          date: formatDate(first.date, i18n.language, timeZone, "medium"),
        }),
        popup: (
          <div className="map-popup">
            <p className="map-popup-title">{first.commune.name}</p>
            {first.location_note ? <p>{first.location_note}</p> : null}
            <ul>
              {visits.slice(0, 5).map((visit) => (
                <li key={stopKey(visit)}>
                  {formatDate(visit.date, i18n.language, timeZone, "medium")},{" "}
                  {t("space.timeRange", {
                    opens: formatTime(visit.opens),
                    closes: formatTime(visit.closes),
                  })}
                </li>
              ))}
            </ul>
          </div>
        ),
      };
    });
  }, [sorted, t, i18n.language, timeZone]);

  return (
    <section className="space-section next-stops" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("space.nextStops")}</h2>
      {feedUrl ? (
        <p>
          <a href={`webcal://${window.location.host}${feedUrl}`}>{t("space.subscribeStops")}</a>{" "}
          <span className="field-hint">{t("space.subscribeStopsHint")}</span>
        </p>
      ) : null}
      {sorted.length === 0 ? (
        <p>{t("space.noStops")}</p>
      ) : (
        <>
          <p className="section-hint">{t("space.nextStopsIntro", { timezone: timeZone })}</p>
          <ol className="stop-list" id={listId}>
            {shown.map((stop) => (
              <li key={stopKey(stop)} className="stop">
                <p className="stop-date">
                  <time dateTime={stop.date}>
                    {capitalize(formatDate(stop.date, i18n.language, timeZone))}
                  </time>
                </p>
                <p className="stop-place">
                  {stop.commune.name} ({stop.commune.department_code})
                </p>
                <p className="stop-hours">
                  {t("space.timeRange", {
                    opens: formatTime(stop.opens),
                    closes: formatTime(stop.closes),
                  })}
                </p>
                {stop.location_note ? <p className="stop-note">{stop.location_note}</p> : null}
              </li>
            ))}
          </ol>
          {sorted.length > STOPS_SHOWN_FIRST ? (
            <button
              type="button"
              className="button button-secondary"
              aria-controls={listId}
              aria-expanded={showAll}
              onClick={() => setShowAll((all) => !all)}
            >
              {showAll ? t("space.fewerStops") : t("space.allStops", { count: sorted.length })}
            </button>
          ) : null}
          <LazyMapView markers={markers} label={t("space.stopsMap")} className="map-small" />
        </>
      )}
    </section>
  );
}
