import type { DayPart, ResourceKind } from "@/lib/api/types";

export type SlotChoice = {
  date: string;
  kind: ResourceKind;
  attendees: number;
  part?: DayPart;
  startTime?: string;
  endTime?: string;
};

/** The booking page of a place (route "/lieux/:slug/reserver"), optionally on a slot. */
export function placeBookingPath(slug: string, choice?: Partial<SlotChoice>): string {
  const params = new URLSearchParams();
  if (choice?.date) params.set("date", choice.date);
  if (choice?.kind && choice.kind !== "desk") params.set("kind", choice.kind);
  if (choice?.attendees && choice.attendees > 1) params.set("attendees", String(choice.attendees));
  if (choice?.part) params.set("part", choice.part);
  if (choice?.startTime && choice.endTime) {
    params.set("start_time", choice.startTime);
    params.set("end_time", choice.endTime);
  }
  const query = params.toString();
  return `/lieux/${encodeURIComponent(slug)}/reserver${query ? `?${query}` : ""}`;
}

/** The place's page; with the day (and kind) being looked at, so its "Réserver" comes back to
 * them. */
export function placePath(slug: string, choice?: { date?: string; kind?: ResourceKind }): string {
  const params = new URLSearchParams();
  if (choice?.date) params.set("date", choice.date);
  if (choice?.kind && choice.kind !== "desk") params.set("kind", choice.kind);
  const query = params.toString();
  return `/lieux/${encodeURIComponent(slug)}${query ? `?${query}` : ""}`;
}

export const MY_BOOKINGS_PATH = "/mes-reservations";

/** The log-in page, coming back to `next` afterwards. */
export function loginPath(next: string): string {
  return `/connexion?next=${encodeURIComponent(next)}`;
}
