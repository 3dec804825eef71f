import type {
  AvailabilityCalendar,
  AvailabilityDay,
  AvailabilitySlot,
  BookingPolicyPublic,
  DayPart,
} from "@/lib/api/types";
import { DAY_PARTS } from "./constants";

/** A slot chosen on the calendar: a part of a day, or a time window (local HH:MM). */
export type Selection = {
  date: string;
  part?: DayPart;
  startTime?: string;
  endTime?: string;
};

/** A selection resolved against the calendar: its instants and how many resources are free. */
export type ResolvedSelection = Selection & {
  day: AvailabilityDay;
  start: string;
  end: string;
  free: number;
  /** A resource free over the whole window (time-sold kinds). */
  resourceIds: number[];
};

/**
 * A slot is over once its end has passed: the server refuses it ("Ce créneau est déjà
 * passé"). One under way is still bookable (from now, as a walk-up).
 */
export function isSlotOver(slot: Pick<AvailabilitySlot, "end">, now: number): boolean {
  return Date.parse(slot.end) <= now;
}

/** The day's slots that are not over yet. */
export function slotsAhead(day: AvailabilityDay, now: number): AvailabilitySlot[] {
  return day.slots.filter((slot) => !isSlotOver(slot, now));
}

/** The parts of a day sold at this place for the kind, in display order. */
export function partColumns(calendar: AvailabilityCalendar): DayPart[] {
  const keys = new Set(calendar.days.flatMap((day) => day.slots.map((slot) => slot.key)));
  return DAY_PARTS.filter((part) => keys.has(part));
}

function intersect(a: number[], b: number[]): number[] {
  const set = new Set(b);
  return a.filter((value) => set.has(value));
}

/**
 * End options for a window starting at slot `startIndex`: as long as the slots follow each
 * other and one resource stays free throughout, within the policy's duration limits.
 */
export function endOptions(
  slots: AvailabilitySlot[],
  startIndex: number,
  policy: Pick<BookingPolicyPublic, "min_duration_minutes" | "max_duration_minutes">,
): { slot: AvailabilitySlot; resourceIds: number[] }[] {
  const first = slots[startIndex];
  if (!first || first.free === 0) return [];
  const options: { slot: AvailabilitySlot; resourceIds: number[] }[] = [];
  let ids = first.free_resource_ids;
  const startMs = new Date(first.start).getTime();
  for (let index = startIndex; index < slots.length; index++) {
    const slot = slots[index] as AvailabilitySlot;
    if (index > startIndex && slot.start !== slots[index - 1]?.end) break;
    ids = intersect(ids, slot.free_resource_ids);
    if (ids.length === 0) break;
    const minutes = (new Date(slot.end).getTime() - startMs) / 60_000;
    if (policy.max_duration_minutes && minutes > policy.max_duration_minutes) break;
    if (policy.min_duration_minutes && minutes < policy.min_duration_minutes) continue;
    options.push({ slot, resourceIds: ids });
  }
  return options;
}

/** The selection's day, instants and free count, or null when the calendar cannot place it. */
export function resolveSelection(
  calendar: AvailabilityCalendar | undefined,
  selection: Selection | null,
  localTime: (instant: string) => string,
): ResolvedSelection | null {
  if (!calendar || !selection) return null;
  const day = calendar.days.find((candidate) => candidate.date === selection.date);
  if (!day || !day.is_open) return null;
  if (selection.part) {
    const slot = day.slots.find((candidate) => candidate.key === selection.part);
    if (!slot) return null;
    return {
      ...selection,
      day,
      start: slot.start,
      end: slot.end,
      free: slot.free,
      resourceIds: slot.free_resource_ids,
    };
  }
  if (selection.startTime && selection.endTime) {
    const startIndex = day.slots.findIndex((slot) => localTime(slot.start) === selection.startTime);
    const first = day.slots[startIndex];
    if (!first) return null;
    const option = endOptions(day.slots, startIndex, {
      min_duration_minutes: null,
      max_duration_minutes: null,
    }).find(({ slot }) => localTime(slot.end) === selection.endTime);
    const last = day.slots.find((slot) => localTime(slot.end) === selection.endTime);
    return {
      ...selection,
      day,
      start: first.start,
      end: option?.slot.end ?? last?.end ?? first.end,
      free: option ? option.resourceIds.length : 0,
      resourceIds: option?.resourceIds ?? [],
    };
  }
  return null;
}
