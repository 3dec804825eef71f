import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { queryKeys } from "@/lib/query-keys";

export function useWallet({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.wallet,
    queryFn: async () => unwrap(await api.GET("/api/v1/wallet/")),
    enabled,
  });
}

export function useWalletEntries({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.walletEntries,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/wallet/entries/", { params: { query: { page_size: 20 } } })),
    enabled,
  });
}

export function usePlans(space: number | null) {
  const query = space ? { space } : {};
  return useQuery({
    queryKey: queryKeys.plans(query),
    queryFn: async () => unwrap(await api.GET("/api/v1/plans/", { params: { query } })),
  });
}

export function usePayments({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.payments,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/payments/", { params: { query: { page_size: 50 } } })),
    enabled,
  });
}

export function useInvoices({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.invoices,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/invoices/", { params: { query: { page_size: 50 } } })),
    enabled,
  });
}

export function useSubscriptions({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.subscriptions,
    queryFn: async () => unwrap(await api.GET("/api/v1/subscriptions/")),
    enabled,
  });
}

/** After a purchase, a subscription change or a refund: everything money-related. */
function useRefreshMoney() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [queryKeys.wallet, queryKeys.payments, queryKeys.invoices, queryKeys.subscriptions].map(
        (queryKey) => queryClient.invalidateQueries({ queryKey }),
      ),
    );
}

export function useRefreshAfterPurchase() {
  return useRefreshMoney();
}

export async function purchase(plan: number, paymentMethod: string) {
  return unwrap(
    await api.POST("/api/v1/purchases/", {
      body: { plan, payment_method: paymentMethod, save_card: false },
    }),
  );
}

export async function subscribe(plan: number, paymentMethod: string) {
  return unwrap(
    await api.POST("/api/v1/subscriptions/", { body: { plan, payment_method: paymentMethod } }),
  );
}

/** After Stripe.js finished the first month's 3-D Secure: the subscription as it now stands. */
export async function syncSubscription(reference: string, paymentIntent: string) {
  return unwrap(
    await api.POST("/api/v1/subscriptions/{reference}/sync/", {
      params: { path: { reference } },
      body: { payment_intent: paymentIntent },
    }),
  );
}

export function useCancelSubscription() {
  const refresh = useRefreshMoney();
  return useMutation({
    mutationFn: async (reference: string) =>
      unwrap(
        await api.POST("/api/v1/subscriptions/{reference}/cancel/", {
          params: { path: { reference } },
        }),
      ),
    onSuccess: () => refresh(),
  });
}
