/**
 * Names for the API shapes the UI uses, derived from the generated `schema.d.ts`
 * (never written by hand: `npm run gen:api` regenerates the source of truth).
 */
import type { paths } from "./schema";

type JsonBody<R> = R extends { content: { "application/json": infer J } } ? J : never;
type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: infer R } };
}
  ? JsonBody<R>
  : never;

export type SpaceListPage = Ok<"/api/v1/directory/spaces/">;
export type SpaceListItem = SpaceListPage["results"][number];
export type SpaceListQuery = NonNullable<
  paths["/api/v1/directory/spaces/"]["get"]["parameters"]["query"]
>;
export type SpaceDetail = Ok<"/api/v1/directory/spaces/{slug}/">;
export type SpaceKind = SpaceListItem["kind"];
export type SpaceSetting = SpaceListItem["setting"];
export type CarrierKind = SpaceListItem["operator"]["carrier_kind"];
export type OpeningHours = SpaceDetail["opening_hours"][number];
export type Closure = SpaceDetail["closures"][number];
export type SpecialOpening = SpaceDetail["special_openings"][number];
export type Resource = SpaceDetail["resources"][number];
export type Price = SpaceDetail["prices"][number];
export type ItineraryStop = SpaceDetail["upcoming_stops"][number];
export type Photo = SpaceDetail["photos"][number];
export type Money = NonNullable<SpaceListItem["day_pass_price"]>;

export type Service = Ok<"/api/v1/directory/services/">[number];
export type Department = Ok<"/api/v1/directory/departments/">[number];
export type Commune = Ok<"/api/v1/directory/communes/">[number];
export type Me = Ok<"/api/v1/me/">;

/** The error body of the API's exception handler: `{code, message, fields}`. */
export type ApiErrorBody = {
  code?: string;
  message?: string;
  fields?: Record<string, string[] | undefined>;
};
