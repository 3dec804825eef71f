import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { ApiError, unwrap } from "@/lib/api/errors";
import type { ManagedPrice, ManagerBookingInput } from "@/lib/api/types";
import { queryKeys } from "@/lib/query-keys";

export function useManagedSpaces({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.managedSpaces,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/manage/spaces/", { params: { query: { page_size: 200 } } })),
    enabled,
  });
}

export function useManagerDay(spaceId: number | null, date: string) {
  return useQuery({
    queryKey: queryKeys.managerDay(spaceId ?? 0, date),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/spaces/{space_id}/bookings/", {
          params: { path: { space_id: spaceId as number }, query: { date } },
        }),
      ),
    enabled: spaceId !== null,
    staleTime: 10_000,
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

export function useCheckInCode(spaceId: number | null, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.checkInCode(spaceId ?? 0),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/spaces/{space_id}/check-in-code/", {
          params: { path: { space_id: spaceId as number } },
        }),
      ),
    enabled: spaceId !== null && enabled,
  });
}

function useRefreshDay() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["manage", "day"] }),
      queryClient.invalidateQueries({ queryKey: queryKeys.availabilityAll }),
    ]);
}

export type BookingAction = "check-in" | "no-show" | "cancel";

export function useBookingAction() {
  const refresh = useRefreshDay();
  return useMutation({
    mutationFn: async ({ id, action }: { id: number; action: BookingAction }) => {
      const options = { params: { path: { id } } };
      if (action === "check-in") {
        return unwrap(await api.POST("/api/v1/manage/bookings/{id}/check-in/", options));
      }
      if (action === "no-show") {
        return unwrap(await api.POST("/api/v1/manage/bookings/{id}/no-show/", options));
      }
      return unwrap(await api.POST("/api/v1/manage/bookings/{id}/cancel/", options));
    },
    onSuccess: () => refresh(),
  });
}

export function useBookForMember(spaceId: number) {
  const refresh = useRefreshDay();
  return useMutation({
    mutationFn: async ({ input, key }: { input: ManagerBookingInput; key: string }) =>
      unwrap(
        await api.POST("/api/v1/manage/spaces/{space_id}/bookings/", {
          params: { path: { space_id: spaceId } },
          body: input,
          headers: { "Idempotency-Key": key },
        }),
      ),
    onSuccess: () => refresh(),
  });
}

export function useCreateBlock(spaceId: number) {
  const refresh = useRefreshDay();
  return useMutation({
    mutationFn: async (input: { resource: number; start: string; end: string; reason: string }) =>
      unwrap(
        await api.POST("/api/v1/manage/spaces/{space_id}/resource-blocks/", {
          params: { path: { space_id: spaceId } },
          body: input,
        }),
      ),
    onSuccess: () => refresh(),
  });
}

export function useDeleteBlock(spaceId: number) {
  const refresh = useRefreshDay();
  return useMutation({
    mutationFn: async (id: number) => {
      const result = await api.DELETE("/api/v1/manage/spaces/{space_id}/resource-blocks/{id}/", {
        params: { path: { space_id: spaceId, id } },
      });
      if (!result.response.ok) throw new ApiError(result.response.status, result.error);
    },
    onSuccess: () => refresh(),
  });
}

/** The place's prices (public and member), per resource kind and unit. */
export function useManagedPrices(spaceId: number) {
  return useQuery({
    queryKey: queryKeys.managedPrices(spaceId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/spaces/{space_id}/prices/", {
          params: { path: { space_id: String(spaceId) } },
        }),
      ),
  });
}

export type PriceInput = {
  resource_kind: ManagedPrice["resource_kind"];
  unit: ManagedPrice["unit"];
  amount: string;
  member_amount: string | null;
};

/** Create a price (no `id`) or change one; the place page and quotes follow. */
export function useSavePrice(spaceId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, input }: { id?: number; input: PriceInput }) => {
      const space_id = String(spaceId);
      if (id === undefined) {
        return unwrap(
          await api.POST("/api/v1/manage/spaces/{space_id}/prices/", {
            params: { path: { space_id } },
            body: input,
          }),
        );
      }
      return unwrap(
        await api.PATCH("/api/v1/manage/spaces/{space_id}/prices/{id}/", {
          params: { path: { space_id, id } },
          body: { amount: input.amount, member_amount: input.member_amount },
        }),
      );
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.managedPrices(spaceId) }),
        queryClient.invalidateQueries({ queryKey: ["directory", "space"] }),
        queryClient.invalidateQueries({ queryKey: ["billing", "slot-quote"] }),
      ]),
  });
}
