import type { SpaceKind, SpaceSetting } from "@/lib/api/types";

export const SPACE_KINDS = [
  "coworking",
  "telework_centre",
  "fablab",
  "incubator",
  "rural_multiservice",
  "itinerant",
] as const satisfies readonly SpaceKind[];

export const SPACE_SETTINGS = [
  "urban",
  "periurban",
  "rural",
] as const satisfies readonly SpaceSetting[];

export const RADII_KM = ["5", "10", "25", "50", "100"] as const;
export const DEFAULT_RADIUS_KM = "25";

export const PAGE_SIZE = 50;
