/**
 * A place's booking rules per resource kind (notice, window, durations, cancellation deadline,
 * no-show grace, limits per member, hold time). A kind without the place's own rules uses the
 * network's defaults; saving creates the place's row, later saves send back its `version`
 * (409 with the current rules when someone saved in between, {@link ConflictError}).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { ApiError, unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";
import { ConflictError } from "./place-setup";

export type BookingRules = components["schemas"]["BookingPolicyManage"];
export type DefaultRules = components["schemas"]["BookingPolicyDefaultOutput"];
export type RulesInput = Omit<components["schemas"]["BookingPolicyManageRequest"], "version">;

export const rulesKeys = {
  rules: (spaceId: number) => ["manage", "booking-rules", spaceId] as const,
  defaults: (spaceId: number) => ["manage", "booking-rules", spaceId, "defaults"] as const,
};

export function useBookingRules(spaceId: number) {
  const path = { params: { path: { space_id: spaceId } } };
  const rules = useQuery({
    queryKey: rulesKeys.rules(spaceId),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/manage/spaces/{space_id}/booking-policies/", path)),
  });
  const defaults = useQuery({
    queryKey: rulesKeys.defaults(spaceId),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/manage/spaces/{space_id}/booking-policies/defaults/", path)),
    staleTime: 60 * 60_000,
  });
  return { rules, defaults };
}

function versioned<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.status === 409) throw new ConflictError<T>(result.error);
  return unwrap(result);
}

/** Save one kind's rules: create the place's row, or change it from the version read. */
export function useSaveRules(spaceId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ row, input }: { row?: BookingRules; input: RulesInput }) => {
      if (!row) {
        return unwrap(
          await api.POST("/api/v1/manage/spaces/{space_id}/booking-policies/", {
            params: { path: { space_id: spaceId } },
            body: input,
          }),
        );
      }
      return versioned(
        await api.PATCH("/api/v1/manage/spaces/{space_id}/booking-policies/{id}/", {
          params: { path: { space_id: spaceId, id: row.id } },
          body: { ...input, version: row.version },
        }),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: rulesKeys.rules(spaceId) }),
  });
}

/** Remove the place's own rules for a kind: the network's defaults apply again. */
export function useResetRules(spaceId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (row: BookingRules) => {
      const result = await api.DELETE("/api/v1/manage/spaces/{space_id}/booking-policies/{id}/", {
        params: {
          path: { space_id: spaceId, id: row.id },
          query: { version: row.version },
        },
      });
      if (result.response.status === 409) throw new ConflictError<BookingRules>(result.error);
      if (!result.response.ok) throw new ApiError(result.response.status, result.error);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: rulesKeys.rules(spaceId) }),
  });
}
