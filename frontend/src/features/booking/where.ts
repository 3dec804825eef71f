import type { TFunction } from "i18next";
import type { Booking } from "@/lib/api/types";

/**
 * Where the member goes for a booking: an itinerant place's stop that day (its commune and
 * spot), otherwise the place's commune and address.
 */
export function bookingWhere(booking: Booking, t: TFunction): string {
  const { stop, space } = booking;
  if (stop) {
    return stop.location_note
      ? t("booking.stopAt", { commune: stop.commune.name, note: stop.location_note })
      : t("booking.stopIn", { commune: stop.commune.name });
  }
  return space.address ? `${space.commune.name}, ${space.address}` : space.commune.name;
}
