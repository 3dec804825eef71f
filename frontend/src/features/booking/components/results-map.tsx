import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LazyMapView } from "@/components/map/lazy-map-view";
import type { MapMarker } from "@/components/map/map-view";
import type { AvailabilityResult } from "@/lib/api/types";
import { placeBookingPath } from "../paths";
import type { SearchFilters } from "../search";

/** One marker per place (an itinerant place at that day's stop). */
export function AvailabilityMap({
  results,
  filters,
  id,
}: {
  results: AvailabilityResult[];
  filters: SearchFilters;
  id?: string;
}) {
  const { t } = useTranslation();
  const markers = useMemo<MapMarker[]>(
    () =>
      results.map(({ space, days, resource_kind }) => {
        const stop = days[0]?.stop;
        return {
          id: space.id,
          position: [
            Number(stop?.latitude ?? space.latitude),
            Number(stop?.longitude ?? space.longitude),
          ],
          title: space.name,
          popup: (
            <div className="map-popup">
              <p className="map-popup-title">
                <Link
                  to={placeBookingPath(space.slug, {
                    date: filters.date,
                    kind: resource_kind,
                    attendees: filters.attendees,
                  })}
                >
                  {space.name}
                </Link>
              </p>
              <p>{stop ? stop.commune.name : space.commune.name}</p>
            </div>
          ),
        };
      }),
    [results, filters.date, filters.attendees],
  );
  return (
    <div id={id} className="results-map">
      <p className="visually-hidden">{t("directory.mapAlternative")}</p>
      <LazyMapView markers={markers} label={t("booking.mapLabel")} />
    </div>
  );
}
