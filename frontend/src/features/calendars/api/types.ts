/** API shapes of the calendars feature, derived from the generated schema. */
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];

export type CalendarFeed = Schemas["CalendarFeedOutput"];
export type IssuedFeed = Schemas["CalendarFeedIssuedOutput"];
export type FeedKind = Schemas["CalendarFeedKindEnum"];
export type ExternalCalendar = Schemas["ExternalCalendarOutput"];
export type ExternalCalendarInput = Schemas["ExternalCalendarInputRequest"];
export type SyncStatus = Schemas["ExternalCalendarSyncStatusEnum"];
export type ManagedResource = Schemas["ResourceManage"];
export type ManagedSpace = Schemas["SpaceManage"];
