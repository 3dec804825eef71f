import type { DayPart, ResourceKind } from "@/lib/api/types";

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  "desk",
  "meeting_room",
  "phone_booth",
  "private_office",
];

/** Kinds booked by the day or half-day (a part); the others by the hour (times). */
export const DAY_SOLD_KINDS: readonly ResourceKind[] = ["desk", "private_office"];

/** Kinds where the number of attendees matters. */
export const ROOM_KINDS: readonly ResourceKind[] = ["meeting_room", "private_office"];

export { DAY_PARTS } from "@/lib/day-parts";
import { DAY_PARTS } from "@/lib/day-parts";

export const RADII_KM = ["5", "10", "20", "30", "50", "100"] as const;
export const DEFAULT_RADIUS_KM = "30";

export const MAX_ATTENDEES = 50;

export function isDaySold(kind: ResourceKind): boolean {
  return DAY_SOLD_KINDS.includes(kind);
}

export function isResourceKind(value: string | null): value is ResourceKind {
  return value !== null && (RESOURCE_KINDS as readonly string[]).includes(value);
}

export function isDayPart(value: string | null): value is DayPart {
  return value !== null && (DAY_PARTS as readonly string[]).includes(value);
}
