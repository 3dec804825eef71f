import { useTranslation } from "react-i18next";
import type { Booking } from "@/lib/api/types";
import { capitalize, formatInstantDate, formatInstantTime } from "@/lib/format";

/** "Vendredi 27 novembre 2026" and "09:00 – 13:00", in the place's time zone. */
export function useBookingWhen(booking: Pick<Booking, "start" | "end" | "timezone">) {
  const { t, i18n } = useTranslation();
  const timeZone = booking.timezone;
  return {
    date: capitalize(formatInstantDate(booking.start, timeZone, i18n.language)),
    times: t("space.timeRange", {
      opens: formatInstantTime(booking.start, timeZone, i18n.language),
      closes: formatInstantTime(booking.end, timeZone, i18n.language),
    }),
  };
}
