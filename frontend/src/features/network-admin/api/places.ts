import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];
export type NetworkPlace = Schemas["NetworkSpaceOutput"];
export type NetworkInbox = Schemas["NetworkInboxOutput"];
export type PlaceStatus = "draft" | "published";

const keys = {
  all: ["network-admin", "places"] as const,
  list: (status: PlaceStatus | "", q: string, page: number) =>
    ["network-admin", "places", status, q, page] as const,
  inbox: ["network-admin", "inbox"] as const,
};

/** What waits for the network (its home page). */
export function useNetworkInbox() {
  return useQuery({
    queryKey: keys.inbox,
    queryFn: async () => unwrap(await api.GET("/api/v1/network/inbox/")),
  });
}

/** Every place of the network (drafts first) with what each still lacks. */
export function useNetworkPlaces(status: PlaceStatus | "", q: string, page: number) {
  return useQuery({
    queryKey: keys.list(status, q, page),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/network/spaces/", {
          params: { query: { status: status || undefined, q: q || undefined, page } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Publish (`published`: true) or unpublish a place, at the version the admin read. */
export function useSetPublished() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ place, published }: { place: NetworkPlace; published: boolean }) => {
      const params = { path: { id: place.id } };
      const body = { version: place.version };
      return unwrap(
        published
          ? await api.POST("/api/v1/network/spaces/{id}/publish/", { params, body })
          : await api.POST("/api/v1/network/spaces/{id}/unpublish/", { params, body }),
      );
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.all });
      await queryClient.invalidateQueries({ queryKey: keys.inbox });
    },
  });
}
