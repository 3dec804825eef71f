/**
 * The place's calendar: weekly hours, closures, special openings, the truck's stops,
 * resources. A change that would cancel bookings is answered 409 `bookings_affected` with the
 * list ({@link ImpactError}); the manager confirms and the same change is sent again with
 * `confirmed_count`.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { ApiError, unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";
import { ConflictError } from "./place-setup";

export type ManagedClosure = components["schemas"]["ClosureManage"];
export type ManagedSpecialOpening = components["schemas"]["SpecialOpeningManage"];
export type ManagedStop = components["schemas"]["ItineraryStopManage"];
export type ManagedHours = components["schemas"]["OpeningHoursManage"];
export type ManagedResourceRow = components["schemas"]["ResourceManage"];
export type AffectedBooking = components["schemas"]["AffectedBooking"];
export type OpeningWeek = components["schemas"]["OpeningWeekOutput"];
export type OpeningRange = components["schemas"]["OpeningRangeRequest"];

/** 409 `bookings_affected`: the change would cancel these bookings; confirm to go on. */
export class ImpactError extends ApiError {
  readonly count: number;
  readonly bookings: AffectedBooking[];

  constructor(body: unknown) {
    super(409, body);
    this.name = "ImpactError";
    const record = body as { count: number; bookings: AffectedBooking[] };
    this.count = record.count;
    this.bookings = record.bookings;
  }
}

export function isImpact(error: unknown): error is ImpactError {
  return error instanceof ImpactError;
}

type Result<T> = { data?: T; error?: unknown; response: Response };

function unwrapChange<T>(result: Result<T>): T {
  if (result.response.status === 409) {
    const code = (result.error as { code?: string } | undefined)?.code;
    if (code === "bookings_affected") throw new ImpactError(result.error);
    throw new ConflictError(result.error);
  }
  return unwrap(result);
}

function unwrapEmpty(result: { error?: unknown; response: Response }): void {
  if (result.response.status === 409) unwrapChange(result as Result<unknown>);
  if (!result.response.ok) throw new ApiError(result.response.status, result.error);
}

export const calendarKeys = {
  all: (spaceId: number) => ["manage", "calendar", spaceId] as const,
  part: (spaceId: number, part: string) => ["manage", "calendar", spaceId, part] as const,
};

export function usePlaceCalendar(spaceId: number) {
  const path = { params: { path: { space_id: String(spaceId) } } };
  const hours = useQuery({
    queryKey: calendarKeys.part(spaceId, "hours"),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/manage/spaces/{space_id}/opening-hours/", path)),
  });
  const closures = useQuery({
    queryKey: calendarKeys.part(spaceId, "closures"),
    queryFn: async () => unwrap(await api.GET("/api/v1/manage/spaces/{space_id}/closures/", path)),
  });
  const specials = useQuery({
    queryKey: calendarKeys.part(spaceId, "specials"),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/manage/spaces/{space_id}/special-openings/", path)),
  });
  const stops = useQuery({
    queryKey: calendarKeys.part(spaceId, "stops"),
    queryFn: async () => unwrap(await api.GET("/api/v1/manage/spaces/{space_id}/stops/", path)),
  });
  const resources = useQuery({
    queryKey: calendarKeys.part(spaceId, "resources"),
    queryFn: async () => unwrap(await api.GET("/api/v1/manage/spaces/{space_id}/resources/", path)),
  });
  return { hours, closures, specials, stops, resources };
}

function useRefresh(spaceId: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: calendarKeys.all(spaceId) }),
      queryClient.invalidateQueries({ queryKey: ["manage", "day"] }),
      queryClient.invalidateQueries({ queryKey: ["directory"] }),
    ]);
}

export type ClosureInput = {
  start_date: string;
  end_date: string;
  reason: string;
  confirmed_count?: number;
};

export function useAddClosure(spaceId: number) {
  const refresh = useRefresh(spaceId);
  return useMutation({
    mutationFn: async (body: ClosureInput) =>
      unwrapChange(
        await api.POST("/api/v1/manage/spaces/{space_id}/closures/", {
          params: { path: { space_id: String(spaceId) } },
          body,
        }),
      ),
    onSuccess: () => refresh(),
  });
}

type RowKind = "closures" | "special-openings" | "stops";

/** Remove a closure, a special opening or a stop (a stop with bookings: confirm first). */
export function useRemoveRow(spaceId: number, kind: RowKind) {
  const refresh = useRefresh(spaceId);
  return useMutation({
    mutationFn: async ({
      id,
      version,
      confirmed_count,
    }: {
      id: number;
      version?: string;
      confirmed_count?: number;
    }) => {
      const query: { version?: string; confirmed_count?: number } = {};
      if (version) query.version = version;
      if (confirmed_count !== undefined) query.confirmed_count = confirmed_count;
      const options = {
        params: { path: { space_id: String(spaceId), id }, query },
      };
      if (kind === "closures") {
        return unwrapEmpty(
          await api.DELETE("/api/v1/manage/spaces/{space_id}/closures/{id}/", options),
        );
      }
      if (kind === "special-openings") {
        return unwrapEmpty(
          await api.DELETE("/api/v1/manage/spaces/{space_id}/special-openings/{id}/", options),
        );
      }
      return unwrapEmpty(await api.DELETE("/api/v1/manage/spaces/{space_id}/stops/{id}/", options));
    },
    onSettled: () => refresh(),
  });
}

export type SpecialOpeningInput = { date: string; opens: string; closes: string; reason: string };

export function useAddSpecialOpening(spaceId: number) {
  const refresh = useRefresh(spaceId);
  return useMutation({
    mutationFn: async (body: SpecialOpeningInput) =>
      unwrap(
        await api.POST("/api/v1/manage/spaces/{space_id}/special-openings/", {
          params: { path: { space_id: String(spaceId) } },
          body,
        }),
      ),
    onSuccess: () => refresh(),
  });
}

export type StopWeekInput = {
  dates: string[];
  commune: string;
  opens: string;
  closes: string;
  location_note: string;
};

export function useAddStopWeek(spaceId: number) {
  const refresh = useRefresh(spaceId);
  return useMutation({
    mutationFn: async (body: StopWeekInput) =>
      unwrap(
        await api.POST("/api/v1/manage/spaces/{space_id}/stops/week/", {
          params: { path: { space_id: String(spaceId) } },
          body,
        }),
      ),
    onSuccess: () => refresh(),
  });
}

export function useMoveStop(spaceId: number) {
  const refresh = useRefresh(spaceId);
  return useMutation({
    mutationFn: async ({
      id,
      ...body
    }: {
      id: number;
      date: string;
      version?: string;
      confirmed_count?: number;
    }) =>
      unwrapChange(
        await api.PATCH("/api/v1/manage/spaces/{space_id}/stops/{id}/", {
          params: { path: { space_id: String(spaceId), id } },
          body,
        }),
      ),
    onSettled: () => refresh(),
  });
}

export function useSetResourceActive(spaceId: number) {
  const refresh = useRefresh(spaceId);
  return useMutation({
    mutationFn: async ({
      id,
      ...body
    }: {
      id: number;
      is_active: boolean;
      version?: string;
      confirmed_count?: number;
    }) =>
      unwrapChange(
        await api.PATCH("/api/v1/manage/spaces/{space_id}/resources/{id}/", {
          params: { path: { space_id: String(spaceId), id } },
          body,
        }),
      ),
    onSettled: () => refresh(),
  });
}

/** The week's opening hours as a whole, with the version to send back. */
export function useOpeningWeek(spaceId: number) {
  return useQuery({
    queryKey: calendarKeys.part(spaceId, "week"),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/spaces/{space_id}/opening-hours/week/", {
          params: { path: { space_id: String(spaceId) } },
        }),
      ),
  });
}

export type OpeningWeekInput = {
  hours: OpeningRange[];
  version: string;
  confirmed_count?: number;
};

/** Replace the week's hours: 409 with the bookings left outside (confirm), or with the week
 * someone else saved meanwhile ({@link ConflictError}). */
export function useSetOpeningWeek(spaceId: number) {
  const refresh = useRefresh(spaceId);
  return useMutation({
    mutationFn: async (body: OpeningWeekInput) =>
      unwrapChange(
        await api.PUT("/api/v1/manage/spaces/{space_id}/opening-hours/week/", {
          params: { path: { space_id: String(spaceId) } },
          body,
        }),
      ),
    onSettled: () => refresh(),
  });
}

export function useCommuneSearch(text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: ["directory", "communes", q],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/directory/communes/", { params: { query: { q } } })),
    enabled: q.length >= 2,
    staleTime: 60 * 60_000,
  });
}
