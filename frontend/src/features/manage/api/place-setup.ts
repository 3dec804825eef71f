/**
 * A manager sets up their place: details, services, photos. Every change sends back the
 * `version` it was made from; the API answers 409 with the current values when someone saved
 * in between ({@link ConflictError}), and the form shows them instead of overwriting.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { ApiError, unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";
import { queryKeys } from "@/lib/query-keys";

export type ManagedPlace = components["schemas"]["SpaceManage"];
export type ManagedPhoto = components["schemas"]["SpacePhotoManage"];
export type CatalogueService = components["schemas"]["ServiceOutput"];
export type PlaceChanges = components["schemas"]["PatchedSpaceManageRequest"];

/** A 409: someone saved the same thing since it was read; `current` is what it is now. */
export class ConflictError<T> extends ApiError {
  readonly current: T;

  constructor(body: unknown) {
    super(409, body);
    this.name = "ConflictError";
    this.current = (body as { current: T }).current;
  }
}

export function isConflict<T>(error: unknown): error is ConflictError<T> {
  return error instanceof ConflictError;
}

function unwrapVersioned<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.status === 409) throw new ConflictError<T>(result.error);
  return unwrap(result);
}

export const placeKeys = {
  place: (spaceId: number) => ["manage", "place", spaceId] as const,
  photos: (spaceId: number) => ["manage", "photos", spaceId] as const,
};

export function useManagedPlace(spaceId: number) {
  return useQuery({
    queryKey: placeKeys.place(spaceId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/spaces/{id}/", {
          params: { path: { id: spaceId } },
        }),
      ),
  });
}

/** The network's service catalogue (the public list: every service a place may offer). */
export function useServiceCatalogue() {
  return useQuery({
    queryKey: queryKeys.services,
    queryFn: async () => unwrap(await api.GET("/api/v1/directory/services/")),
    staleTime: 60 * 60_000,
  });
}

function useRefreshPlace(spaceId: number) {
  const queryClient = useQueryClient();
  return (place?: ManagedPlace) => {
    if (place) queryClient.setQueryData(placeKeys.place(spaceId), place);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.managedSpaces }),
      queryClient.invalidateQueries({ queryKey: ["directory"] }),
    ]);
  };
}

/** Save some fields of the place, from the version they were read at. */
export function useSavePlace(spaceId: number) {
  const refresh = useRefreshPlace(spaceId);
  return useMutation({
    mutationFn: async (changes: PlaceChanges) =>
      unwrapVersioned(
        await api.PATCH("/api/v1/manage/spaces/{id}/", {
          params: { path: { id: spaceId } },
          body: changes,
        }),
      ),
    onSuccess: (place) => refresh(place),
    onError: (error) => {
      if (isConflict<ManagedPlace>(error)) void refresh(error.current);
    },
  });
}

export function usePlacePhotos(spaceId: number) {
  return useQuery({
    queryKey: placeKeys.photos(spaceId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/spaces/{space_id}/photos/", {
          params: { path: { space_id: String(spaceId) } },
        }),
      ),
  });
}

function useRefreshPhotos(spaceId: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: placeKeys.photos(spaceId) }),
      queryClient.invalidateQueries({ queryKey: ["directory"] }),
    ]);
}

export function useUploadPhoto(spaceId: number) {
  const refresh = useRefreshPhotos(spaceId);
  return useMutation({
    mutationFn: async (input: { file: File; alt_fr: string; alt_en: string }) =>
      unwrap(
        await api.POST("/api/v1/manage/spaces/{space_id}/photos/", {
          params: { path: { space_id: String(spaceId) } },
          body: { image: "", alt_fr: input.alt_fr, alt_en: input.alt_en },
          bodySerializer: () => {
            const form = new FormData();
            form.append("image", input.file);
            form.append("alt_fr", input.alt_fr);
            form.append("alt_en", input.alt_en);
            return form;
          },
        }),
      ),
    onSuccess: () => refresh(),
  });
}

export function useSavePhotoText(spaceId: number) {
  const refresh = useRefreshPhotos(spaceId);
  return useMutation({
    mutationFn: async (input: { id: number; alt_fr: string; alt_en: string; version?: string }) =>
      unwrapVersioned(
        await api.PATCH("/api/v1/manage/spaces/{space_id}/photos/{id}/", {
          params: { path: { space_id: String(spaceId), id: input.id } },
          body: { alt_fr: input.alt_fr, alt_en: input.alt_en, version: input.version },
        }),
      ),
    onSettled: () => refresh(),
  });
}

export function useReorderPhotos(spaceId: number) {
  const refresh = useRefreshPhotos(spaceId);
  return useMutation({
    mutationFn: async (order: number[]) =>
      unwrap(
        await api.POST("/api/v1/manage/spaces/{space_id}/photos/reorder/", {
          params: { path: { space_id: String(spaceId) } },
          body: { order },
        }),
      ),
    onSettled: () => refresh(),
  });
}

export function useDeletePhoto(spaceId: number) {
  const refresh = useRefreshPhotos(spaceId);
  return useMutation({
    mutationFn: async (id: number) => {
      const result = await api.DELETE("/api/v1/manage/spaces/{space_id}/photos/{id}/", {
        params: { path: { space_id: String(spaceId), id } },
      });
      if (!result.response.ok) throw new ApiError(result.response.status, result.error);
    },
    onSettled: () => refresh(),
  });
}
