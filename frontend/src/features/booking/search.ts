import { addDays, isIsoDate, NETWORK_TIME_ZONE, todayIn } from "@/lib/dates";
import type { AvailabilityQuery, DayPart, ResourceKind } from "@/lib/api/types";
import {
  DEFAULT_RADIUS_KM,
  isDayPart,
  isDaySold,
  isResourceKind,
  MAX_ATTENDEES,
  RADII_KM,
  ROOM_KINDS,
} from "./constants";

/**
 * The "Réserver" search as held in the URL. Parameter names are the API's (plus `near_label`,
 * the name of the chosen commune), so a shared link reads like the API call it makes.
 */
export type SearchFilters = {
  date: string;
  kind: ResourceKind;
  attendees: number;
  part: DayPart | "";
  startTime: string;
  endTime: string;
  nearCommune: string;
  nearLabel: string;
  radiusKm: string;
  availableOnly: boolean;
};

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Tomorrow in the network's time zone (the default search date). */
export function tomorrow(now: Date = new Date()): string {
  return addDays(todayIn(NETWORK_TIME_ZONE, now), 1);
}

export function parseSearch(params: URLSearchParams, now: Date = new Date()): SearchFilters {
  const kindParam = params.get("kind");
  const kind: ResourceKind = isResourceKind(kindParam) ? kindParam : "desk";
  const date = params.get("date");
  const attendees = Number.parseInt(params.get("attendees") ?? "1", 10);
  const part = params.get("part");
  const start = params.get("start_time") ?? "";
  const end = params.get("end_time") ?? "";
  const radius = params.get("radius_km") ?? DEFAULT_RADIUS_KM;
  const validTimes = TIME_RE.test(start) && TIME_RE.test(end) && start < end;
  return {
    date: isIsoDate(date) ? date : tomorrow(now),
    kind,
    attendees:
      ROOM_KINDS.includes(kind) && Number.isFinite(attendees)
        ? Math.min(Math.max(attendees, 1), MAX_ATTENDEES)
        : 1,
    part: isDaySold(kind) && isDayPart(part) ? part : isDaySold(kind) ? "day" : "",
    startTime: !isDaySold(kind) && validTimes ? start : "",
    endTime: !isDaySold(kind) && validTimes ? end : "",
    nearCommune: /^\w{5}$/.test(params.get("near_commune") ?? "")
      ? (params.get("near_commune") as string)
      : "",
    nearLabel: params.get("near_label") ?? "",
    radiusKm: (RADII_KM as readonly string[]).includes(radius) ? radius : DEFAULT_RADIUS_KM,
    availableOnly: params.get("available_only") !== "false",
  };
}

export function searchToParams(filters: SearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  params.set("date", filters.date);
  if (filters.kind !== "desk") params.set("kind", filters.kind);
  if (ROOM_KINDS.includes(filters.kind) && filters.attendees > 1) {
    params.set("attendees", String(filters.attendees));
  }
  if (isDaySold(filters.kind)) {
    if (filters.part && filters.part !== "day") params.set("part", filters.part);
  } else if (filters.startTime && filters.endTime) {
    params.set("start_time", filters.startTime);
    params.set("end_time", filters.endTime);
  }
  if (filters.nearCommune) {
    params.set("near_commune", filters.nearCommune);
    if (filters.nearLabel) params.set("near_label", filters.nearLabel);
    if (filters.radiusKm !== DEFAULT_RADIUS_KM) params.set("radius_km", filters.radiusKm);
  }
  if (!filters.availableOnly) params.set("available_only", "false");
  return params;
}

/** The query of GET /api/v1/availability/ for these filters. */
export function searchToQuery(filters: SearchFilters): AvailabilityQuery {
  const query: AvailabilityQuery = {
    date: filters.date,
    kind: filters.kind,
    available_only: filters.availableOnly,
  };
  if (ROOM_KINDS.includes(filters.kind)) query.attendees = filters.attendees;
  if (isDaySold(filters.kind)) {
    if (filters.part) query.part = filters.part;
  } else if (filters.startTime && filters.endTime) {
    query.start_time = filters.startTime;
    query.end_time = filters.endTime;
  }
  if (filters.nearCommune) {
    query.near_commune = filters.nearCommune;
    query.radius_km = Number(filters.radiusKm);
  }
  return query;
}
