import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { AvailabilityResult } from "@/lib/api/types";
import { formatDistance } from "@/lib/format";
import { DAY_PARTS, isDaySold } from "../constants";
import { placeBookingPath } from "../paths";
import type { SearchFilters } from "../search";
import { ClosedText, DayHours, FreeCount } from "./availability-text";
import { PriceLine } from "./price-line";

function ResultCard({ result, filters }: { result: AvailabilityResult; filters: SearchFilters }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const { space } = result;
  const day = result.days[0];
  const daySold = isDaySold(result.resource_kind);
  const href = placeBookingPath(space.slug, {
    date: filters.date,
    kind: filters.kind,
    attendees: filters.attendees,
    part: daySold && filters.part ? filters.part : undefined,
    startTime: filters.startTime || undefined,
    endTime: filters.endTime || undefined,
  });
  const slotsByKey = new Map(day?.slots.map((slot) => [slot.key, slot]) ?? []);

  return (
    <li>
      <article className="space-card result-card" aria-labelledby={headingId}>
        <div className="space-card-body">
          <h3 className="space-card-title" id={headingId}>
            <Link to={href}>{space.name}</Link>
          </h3>
          <p className="space-card-meta">
            {t(`kind.${space.kind}`)} · {space.commune.name} ({space.commune.department_code})
          </p>
          {result.distance_km !== null ? (
            <p className="space-card-distance">
              {t("directory.distance", {
                distance: formatDistance(result.distance_km, i18n.language),
              })}
            </p>
          ) : null}
          {day?.stop ? (
            <p className="result-stop">
              {t("booking.stopAt", {
                commune: day.stop.commune.name,
                note: day.stop.location_note,
              })}
            </p>
          ) : null}
          {!day ? null : !day.is_open ? (
            <p>
              <ClosedText day={day} />
            </p>
          ) : daySold ? (
            <ul className="slot-summary">
              {DAY_PARTS.filter((part) => slotsByKey.has(part)).map((part) => (
                <li key={part} className={filters.part === part ? "is-searched" : undefined}>
                  {t(`booking.parts.${part}`)} :{" "}
                  <FreeCount kind={result.resource_kind} free={slotsByKey.get(part)?.free ?? 0} />
                </li>
              ))}
            </ul>
          ) : (
            <p>
              <DayHours day={day} timeZone={space.timezone} /> ·{" "}
              {filters.startTime ? (
                <>
                  {t("booking.window", { start: filters.startTime, end: filters.endTime })} :{" "}
                  <FreeCount kind={result.resource_kind} free={day.free} />
                </>
              ) : (
                t("booking.freeSlots", {
                  count: day.slots.filter((slot) => slot.free > 0).length,
                })
              )}
            </p>
          )}
          <PriceLine prices={result.prices} />
          {space.accepts_network_pass ? (
            <p className="result-pass">{t("directory.passAccepted")}</p>
          ) : null}
        </div>
        <div className="result-actions">
          <Link className="button button-small" to={href} aria-describedby={headingId}>
            {t("booking.seeAvailability")}
          </Link>
        </div>
      </article>
    </li>
  );
}

export function SearchResults({
  results,
  filters,
}: {
  results: AvailabilityResult[];
  filters: SearchFilters;
}) {
  return (
    <ul className="space-list">
      {results.map((result) => (
        <ResultCard key={result.space.id} result={result} filters={filters} />
      ))}
    </ul>
  );
}
