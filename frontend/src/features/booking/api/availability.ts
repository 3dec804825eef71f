import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { AvailabilityQuery, ResourceKind } from "@/lib/api/types";
import { queryKeys } from "@/lib/query-keys";

export async function searchAvailability(query: AvailabilityQuery) {
  return unwrap(await api.GET("/api/v1/availability/", { params: { query } }));
}

export function useAvailabilitySearch(query: AvailabilityQuery | null) {
  return useQuery({
    queryKey: queryKeys.availability(query ?? {}),
    queryFn: () => searchAvailability(query as AvailabilityQuery),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export type CalendarQuery = {
  from: string;
  to: string;
  kind: ResourceKind;
  attendees: number;
};

export async function getCalendar(slug: string, query: CalendarQuery) {
  return unwrap(
    await api.GET("/api/v1/availability/spaces/{slug}/", {
      params: { path: { slug }, query },
    }),
  );
}

export function calendarQueryOptions(slug: string, query: CalendarQuery) {
  return queryOptions({
    queryKey: queryKeys.availabilityCalendar(slug, query),
    queryFn: () => getCalendar(slug, query),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useCalendar(slug: string, query: CalendarQuery) {
  return useQuery(calendarQueryOptions(slug, query));
}

/** The place's public page (its prices), for the price shown before booking. */
export function usePlace(slug: string) {
  return useQuery({
    queryKey: queryKeys.space(slug),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/directory/spaces/{slug}/", { params: { path: { slug } } })),
  });
}
