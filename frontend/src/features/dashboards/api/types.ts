/** API shapes of the dashboards, derived from the generated schema (never written by hand). */
import type { paths } from "@/lib/api/schema";

type JsonBody<R> = R extends { content: { "application/json": infer J } } ? J : never;
type Ok<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } }
  ? JsonBody<R>
  : never;

export type ManagerDashboard = Ok<"/api/v1/analytics/manager/dashboard/">;
export type ManagerDashboardQuery = NonNullable<
  paths["/api/v1/analytics/manager/dashboard/"]["get"]["parameters"]["query"]
>;
export type ManagerToday = Ok<"/api/v1/analytics/manager/today/">;
export type TodayPlace = ManagerToday[number];
export type NetworkDashboard = Ok<"/api/v1/analytics/network/dashboard/">;
export type NetworkDashboardQuery = NonNullable<
  paths["/api/v1/analytics/network/dashboard/"]["get"]["parameters"]["query"]
>;
export type SeriesPoint = ManagerDashboard["series"][number];
export type HeatmapCell = ManagerDashboard["heatmap"][number];
export type NetworkGroup = NetworkDashboard["by_department"][number];
export type CommuteDeclaration = Ok<"/api/v1/me/commute/">;
export type ManagerTable = NonNullable<
  paths["/api/v1/analytics/manager/dashboard/{table}.csv"]["get"]["parameters"]["path"]
>["table"];
export type NetworkTable = NonNullable<
  paths["/api/v1/analytics/network/dashboard/{table}.csv"]["get"]["parameters"]["path"]
>["table"];
export type Me = Ok<"/api/v1/me/">;
