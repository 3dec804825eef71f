import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { queryKeys } from "@/lib/query-keys";
import type { ExternalCalendarInput, FeedKind } from "./types";

const keys = {
  feeds: ["calendars", "feeds"] as const,
  external: (spaceId: number) => ["calendars", "external", spaceId] as const,
};

/** My active feeds (never their addresses: a token is shown once). */
export function useMyFeeds({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.feeds,
    queryFn: async () => unwrap(await api.GET("/api/v1/calendar-feeds/")),
    enabled,
  });
}

function useFeedsChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.feeds });
}

export function useCreateFeed() {
  const changed = useFeedsChanged();
  return useMutation({
    mutationFn: async (body: { kind: FeedKind; space?: number; resource?: number }) =>
      unwrap(await api.POST("/api/v1/calendar-feeds/", { body })),
    onSuccess: changed,
  });
}

export function useRegenerateFeed() {
  const changed = useFeedsChanged();
  return useMutation({
    mutationFn: async (id: number) =>
      unwrap(
        await api.POST("/api/v1/calendar-feeds/{id}/regenerate/", { params: { path: { id } } }),
      ),
    onSuccess: changed,
  });
}

export function useRevokeFeed() {
  const changed = useFeedsChanged();
  return useMutation({
    mutationFn: async (id: number) => {
      const result = await api.DELETE("/api/v1/calendar-feeds/{id}/", { params: { path: { id } } });
      if (!result.response.ok) unwrap({ ...result, data: undefined });
    },
    onSuccess: changed,
  });
}

// --- managers ---------------------------------------------------------------------------------

export function useManagedSpaces({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.managedSpaces,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/manage/spaces/", { params: { query: { page_size: 200 } } })),
    enabled,
  });
}

export function useManagedResources(spaceId: number | null) {
  return useQuery({
    queryKey: queryKeys.managedResources(spaceId ?? 0),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/spaces/{space_id}/resources/", {
          params: { path: { space_id: String(spaceId) } },
        }),
      ),
    enabled: spaceId !== null,
  });
}

export function useExternalCalendars(spaceId: number | null) {
  return useQuery({
    queryKey: keys.external(spaceId ?? 0),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/spaces/{space_id}/external-calendars/", {
          params: { path: { space_id: spaceId as number } },
        }),
      ),
    enabled: spaceId !== null,
  });
}

function useExternalChanged(spaceId: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.external(spaceId) }),
      // Imported events become blocks: the manager's day view shows them.
      queryClient.invalidateQueries({ queryKey: ["manage", "day"] }),
    ]);
}

export function useAddExternalCalendar(spaceId: number) {
  const changed = useExternalChanged(spaceId);
  return useMutation({
    mutationFn: async (body: ExternalCalendarInput) =>
      unwrap(
        await api.POST("/api/v1/manage/spaces/{space_id}/external-calendars/", {
          params: { path: { space_id: spaceId } },
          body,
        }),
      ),
    onSuccess: changed,
  });
}

export function useUpdateExternalCalendar(spaceId: number) {
  const changed = useExternalChanged(spaceId);
  return useMutation({
    mutationFn: async ({ id, ...body }: Partial<ExternalCalendarInput> & { id: number }) =>
      unwrap(
        await api.PATCH("/api/v1/manage/spaces/{space_id}/external-calendars/{id}/", {
          params: { path: { space_id: spaceId, id } },
          body,
        }),
      ),
    onSuccess: changed,
  });
}

export function useDeleteExternalCalendar(spaceId: number) {
  const changed = useExternalChanged(spaceId);
  return useMutation({
    mutationFn: async (id: number) => {
      const result = await api.DELETE("/api/v1/manage/spaces/{space_id}/external-calendars/{id}/", {
        params: { path: { space_id: spaceId, id } },
      });
      if (!result.response.ok) unwrap({ ...result, data: undefined });
    },
    onSuccess: changed,
  });
}

export function useSyncExternalCalendar(spaceId: number) {
  const changed = useExternalChanged(spaceId);
  return useMutation({
    mutationFn: async (id: number) =>
      unwrap(
        await api.POST("/api/v1/manage/spaces/{space_id}/external-calendars/{id}/sync/", {
          params: { path: { space_id: spaceId, id } },
        }),
      ),
    onSuccess: changed,
  });
}
