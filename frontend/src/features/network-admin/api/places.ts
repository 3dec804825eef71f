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

export type SecurityFeature = Schemas["SecurityFeatureOutput"];
export type SecurityStatus = "to_verify" | "verified";

const securityKeys = {
  all: ["network-admin", "security"] as const,
  list: (status: SecurityStatus | "", page: number) =>
    ["network-admin", "security", status, page] as const,
};

/** Security features places declare, not verified first. */
export function useSecurityFeatures(status: SecurityStatus | "", page: number) {
  return useQuery({
    queryKey: securityKeys.list(status, page),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/network/security-features/", {
          params: { query: { status: status || undefined, page } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

function useRefreshNetwork() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: securityKeys.all });
    await queryClient.invalidateQueries({ queryKey: keys.all });
    await queryClient.invalidateQueries({ queryKey: keys.inbox });
  };
}

/** The network verified a declared feature (date of the check, optional note). */
export function useVerifyFeature() {
  const refresh = useRefreshNetwork();
  return useMutation({
    mutationFn: async (input: {
      space: number;
      service: string;
      verified_on: string;
      note: string;
    }) =>
      unwrap(
        await api.POST("/api/v1/network/spaces/{id}/security/", {
          params: { path: { id: input.space } },
          body: { service: input.service, verified_on: input.verified_on, note: input.note },
        }),
      ),
    onSettled: refresh,
  });
}

/** Withdraw the network's verification of a feature. */
export function useUnverifyFeature() {
  const refresh = useRefreshNetwork();
  return useMutation({
    mutationFn: async (input: { space: number; service: string }) => {
      const result = await api.DELETE("/api/v1/network/spaces/{id}/security/{code}/", {
        params: { path: { id: input.space, code: input.service } },
      });
      if (!result.response.ok) unwrap(result);
    },
    onSettled: refresh,
  });
}

/** Record a place's adherence to the charter (an empty version clears it). */
export function useRecordCharter() {
  const refresh = useRefreshNetwork();
  return useMutation({
    mutationFn: async (input: { place: NetworkPlace; version: string; signed_on: string }) =>
      unwrap(
        await api.POST("/api/v1/network/spaces/{id}/charter/", {
          params: { path: { id: input.place.id } },
          body: {
            version: input.version,
            signed_on: input.signed_on || null,
            place_version: input.place.version,
          },
        }),
      ),
    onSettled: refresh,
  });
}
