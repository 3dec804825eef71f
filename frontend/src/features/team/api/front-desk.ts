import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";

export type StaffedSpace = components["schemas"]["StaffedSpaceOutput"];
export type DayBooking = components["schemas"]["BookingManageOutput"];

const keys = {
  spaces: ["front-desk", "spaces"] as const,
  day: (spaceId: number, date: string) => ["front-desk", "day", spaceId, date] as const,
};

/** The places whose day the person sees (front desk and managers). */
export function useStaffedSpaces({ enabled = true } = {}) {
  return useQuery({
    queryKey: keys.spaces,
    queryFn: async () => unwrap(await api.GET("/api/v1/front-desk/spaces/")),
    enabled,
  });
}

/** Who is in at a place on a local day (`date` empty: today in the place's time zone). */
export function useDay(spaceId: number | null, date: string) {
  return useQuery({
    queryKey: keys.day(spaceId ?? 0, date),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/spaces/{space_id}/bookings/", {
          params: { path: { space_id: spaceId ?? 0 }, query: date ? { date } : {} },
        }),
      ),
    enabled: spaceId !== null,
  });
}

export function useCheckIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) =>
      unwrap(
        await api.POST("/api/v1/manage/bookings/{id}/check-in/", { params: { path: { id } } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["front-desk", "day"] }),
  });
}
