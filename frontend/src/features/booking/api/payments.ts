import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { SlotQuoteQuery } from "@/lib/api/types";
import { queryKeys } from "@/lib/query-keys";

/** What a slot would cost me before booking it (member price, credits, plan cover). */
export function useSlotQuote(query: SlotQuoteQuery | null) {
  return useQuery({
    queryKey: queryKeys.slotQuote(query ?? {}),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/billing/quote/", { params: { query: query as SlotQuoteQuery } }),
      ),
    enabled: query !== null,
    staleTime: 30_000,
  });
}

/** What cancelling my booking now gives back (late cancellation policy). */
export function useCancellationTerms(bookingId: number, { enabled = true } = {}) {
  return useQuery({
    queryKey: queryKeys.cancellationTerms(bookingId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/billing/bookings/{booking_id}/cancellation/", {
          params: { path: { booking_id: bookingId } },
        }),
      ),
    enabled,
    staleTime: 0,
  });
}

export function useQuote(bookingId: number) {
  return useQuery({
    queryKey: queryKeys.quote(bookingId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/billing/bookings/{booking_id}/quote/", {
          params: { path: { booking_id: bookingId } },
        }),
      ),
    staleTime: 0,
  });
}

export function useCheckout() {
  return useMutation({
    mutationFn: async ({
      bookingId,
      method,
      paymentMethod = "",
    }: {
      bookingId: number;
      method: "credits" | "card";
      paymentMethod?: string;
    }) =>
      unwrap(
        await api.POST("/api/v1/billing/bookings/{booking_id}/checkout/", {
          params: { path: { booking_id: bookingId } },
          body: { method, payment_method: paymentMethod, save_card: false },
        }),
      ),
  });
}

/** My credits (to tell whether a booking can be paid with them). */
export function useWallet({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.wallet,
    queryFn: async () => unwrap(await api.GET("/api/v1/wallet/")),
    enabled,
  });
}
