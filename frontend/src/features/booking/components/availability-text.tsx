import { useTranslation } from "react-i18next";
import type { AvailabilityDay, ResourceKind } from "@/lib/api/types";
import { formatInstantTime } from "@/lib/format";

/** "Fermé ce jour-là" / "Pas d'étape ce jour-là" for a day the place cannot be booked. */
export function ClosedText({ day }: { day: AvailabilityDay }) {
  const { t } = useTranslation();
  return (
    <span className="availability-closed">
      {day.closed_reason === "no_stop" ? t("booking.noStop") : t("booking.closed")}
    </span>
  );
}

/** "5 postes libres", "Complet"… for a number of free resources of a kind. */
export function FreeCount({ kind, free }: { kind: ResourceKind; free: number }) {
  const { t } = useTranslation();
  return (
    <span className={free > 0 ? "availability-free" : "availability-full"}>
      {t(`booking.freeCount.${kind}`, { count: free })}
    </span>
  );
}

/** Opening hours of the day, in the place's time zone ("09:00 – 17:00"). */
export function DayHours({ day, timeZone }: { day: AvailabilityDay; timeZone: string }) {
  const { t, i18n } = useTranslation();
  if (!day.opens_at || !day.closes_at) return null;
  return (
    <span className="availability-hours">
      {t("space.timeRange", {
        opens: formatInstantTime(day.opens_at, timeZone, i18n.language),
        closes: formatInstantTime(day.closes_at, timeZone, i18n.language),
      })}
    </span>
  );
}
