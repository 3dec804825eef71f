import type { SpaceKind, SpaceListQuery, SpaceSetting } from "@/lib/api/types";
import { DEFAULT_RADIUS_KM, PAGE_SIZE, RADII_KM, SPACE_KINDS, SPACE_SETTINGS } from "./constants";

/**
 * The directory filters as held in the URL query string. Parameter names are the API's, so a
 * shared link reads like the API call it makes; `near_label` is the only UI-only one (the
 * name of the chosen commune, shown back in the autocomplete).
 */
export type DirectoryFilters = {
  department: string;
  kind: SpaceKind | "";
  setting: SpaceSetting | "";
  services: string[];
  baseSet: boolean;
  openOn: string;
  acceptsPass: boolean;
  q: string;
  near: string;
  nearCommune: string;
  nearLabel: string;
  radiusKm: string;
  page: number;
};

export const EMPTY_FILTERS: DirectoryFilters = {
  department: "",
  kind: "",
  setting: "",
  services: [],
  baseSet: false,
  openOn: "",
  acceptsPass: false,
  q: "",
  near: "",
  nearCommune: "",
  nearLabel: "",
  radiusKm: DEFAULT_RADIUS_KM,
  page: 1,
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const NEAR_RE = /^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | "" {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : "";
}

export function parseFilters(params: URLSearchParams): DirectoryFilters {
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  const radius = params.get("radius_km") ?? DEFAULT_RADIUS_KM;
  const openOn = params.get("open_on") ?? "";
  const near = params.get("near") ?? "";
  return {
    department: params.get("department") ?? "",
    kind: oneOf(SPACE_KINDS, params.get("kind")),
    setting: oneOf(SPACE_SETTINGS, params.get("setting")),
    services: (params.get("services") ?? "")
      .split(",")
      .map((code) => code.trim())
      .filter(Boolean),
    baseSet: params.get("base_set") === "true",
    openOn: DATE_RE.test(openOn) ? openOn : "",
    acceptsPass: params.get("accepts_pass") === "true",
    q: params.get("q") ?? "",
    near: NEAR_RE.test(near) ? near : "",
    nearCommune: params.get("near_commune") ?? "",
    nearLabel: params.get("near_label") ?? "",
    radiusKm: (RADII_KM as readonly string[]).includes(radius) ? radius : DEFAULT_RADIUS_KM,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function hasProximity(filters: DirectoryFilters): boolean {
  return Boolean(filters.near || filters.nearCommune);
}

/** The URL query string for these filters (empty and default values left out). */
export function filtersToSearchParams(filters: DirectoryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.department) params.set("department", filters.department);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.setting) params.set("setting", filters.setting);
  if (filters.services.length) params.set("services", filters.services.join(","));
  if (filters.baseSet) params.set("base_set", "true");
  if (filters.openOn) params.set("open_on", filters.openOn);
  if (filters.acceptsPass) params.set("accepts_pass", "true");
  if (filters.near) {
    params.set("near", filters.near);
  } else if (filters.nearCommune) {
    params.set("near_commune", filters.nearCommune);
    if (filters.nearLabel) params.set("near_label", filters.nearLabel);
  }
  if (hasProximity(filters) && filters.radiusKm !== DEFAULT_RADIUS_KM) {
    params.set("radius_km", filters.radiusKm);
  }
  if (filters.page > 1) params.set("page", String(filters.page));
  return params;
}

/** The query of GET /api/v1/directory/spaces/ for these filters. */
export function filtersToQuery(filters: DirectoryFilters): SpaceListQuery {
  const query: SpaceListQuery = { page: filters.page, page_size: PAGE_SIZE };
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.department) {
    // A URL value is a plain string; the API validates it against the department codes.
    query.department = filters.department as NonNullable<SpaceListQuery["department"]>;
  }
  if (filters.kind) query.kind = filters.kind;
  if (filters.setting) query.setting = filters.setting;
  if (filters.services.length) query.services = filters.services.join(",");
  if (filters.baseSet) query.base_set = true;
  if (filters.openOn) query.open_on = filters.openOn;
  if (filters.acceptsPass) query.accepts_pass = true;
  if (filters.near) query.near = filters.near;
  else if (filters.nearCommune) query.near_commune = filters.nearCommune;
  if (hasProximity(filters)) query.radius_km = Number(filters.radiusKm);
  return query;
}
