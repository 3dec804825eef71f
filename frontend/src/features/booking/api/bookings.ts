import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type {
  Booking,
  BookingChangeInput,
  BookingCreateInput,
  BookingSeriesInput,
  DayPart,
  ResourceKind,
} from "@/lib/api/types";
import { queryKeys } from "@/lib/query-keys";

export type When = "upcoming" | "past";

export async function getBookings(when: When) {
  return unwrap(
    await api.GET("/api/v1/bookings/", { params: { query: { when, page_size: 100 } } }),
  );
}

export function useBookings(when: When, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.bookingList(when),
    queryFn: () => getBookings(when),
    enabled,
  });
}

export async function getBooking(id: number) {
  return unwrap(await api.GET("/api/v1/bookings/{id}/", { params: { path: { id } } }));
}

/** Book one slot. The same `idempotencyKey` for a retry never books twice. */
export async function createBooking(input: BookingCreateInput, idempotencyKey: string) {
  return unwrap(
    await api.POST("/api/v1/bookings/", {
      body: input,
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  );
}

export async function createSeries(input: BookingSeriesInput, idempotencyKey: string) {
  return unwrap(
    await api.POST("/api/v1/booking-series/", {
      body: input,
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  );
}

/** After any change to bookings: my lists, what is free, and my credits. */
function useRefreshBookings() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.bookings }),
      queryClient.invalidateQueries({ queryKey: queryKeys.availabilityAll }),
      queryClient.invalidateQueries({ queryKey: queryKeys.wallet }),
      queryClient.invalidateQueries({ queryKey: queryKeys.waitlist }),
    ]);
}

export function useCreateBooking() {
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: ({ input, key }: { input: BookingCreateInput; key: string }) =>
      createBooking(input, key),
    onSuccess: () => refresh(),
  });
}

export function useCreateSeries() {
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: ({ input, key }: { input: BookingSeriesInput; key: string }) =>
      createSeries(input, key),
    onSuccess: () => refresh(),
  });
}

export function useCancelBooking() {
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: async ({ id, late = false }: { id: number; late?: boolean }) =>
      unwrap(
        await api.POST("/api/v1/bookings/{id}/cancel/", {
          params: { path: { id } },
          body: { late },
        }),
      ),
    onSuccess: () => refresh(),
  });
}

export function useChangeBooking() {
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: async ({ id, change }: { id: number; change: BookingChangeInput }) =>
      unwrap(await api.PATCH("/api/v1/bookings/{id}/", { params: { path: { id } }, body: change })),
    onSuccess: () => refresh(),
  });
}

export function useRefreshAfterPayment() {
  return useRefreshBookings();
}

// --- waiting list -----------------------------------------------------------------------------

export function useWaitlist({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.waitlist,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/waitlist/", { params: { query: { open: true } } })),
    enabled,
  });
}

export function useJoinWaitlist() {
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: async (input: { space: string; kind: ResourceKind; date: string; part: DayPart }) =>
      unwrap(await api.POST("/api/v1/waitlist/", { body: input })),
    onSuccess: () => refresh(),
  });
}

export function useWaitlistAction() {
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: async ({ id, action }: { id: number; action: "accept" | "leave" }) =>
      unwrap(
        action === "accept"
          ? await api.POST("/api/v1/waitlist/{id}/accept/", { params: { path: { id } } })
          : await api.POST("/api/v1/waitlist/{id}/leave/", { params: { path: { id } } }),
      ),
    onSuccess: () => refresh(),
  });
}

// --- check-in ---------------------------------------------------------------------------------

export async function checkIn(token: string): Promise<Booking> {
  return unwrap(await api.POST("/api/v1/bookings/check-in/", { body: { token } }));
}

/** Links a member uses for one booking (served by the API with the session cookie). */
export function bookingIcsUrl(id: number): string {
  return `/api/v1/bookings/${id}/ics/`;
}
