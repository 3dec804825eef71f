import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { Payment, PaymentStarted } from "@/lib/api/types";
import { queryKeys } from "@/lib/query-keys";
import { loadStripe, paymentIntentId } from "./stripe";

export async function getBillingConfig() {
  return unwrap(await api.GET("/api/v1/billing/config/"));
}

export function billingConfigQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.billingConfig,
    queryFn: getBillingConfig,
    staleTime: Infinity,
  });
}

export function useBillingConfig() {
  return useQuery(billingConfigQueryOptions());
}

export async function getPaymentMethods() {
  return unwrap(await api.GET("/api/v1/billing/payment-methods/"));
}

export function usePaymentMethods() {
  return useQuery({ queryKey: queryKeys.paymentMethods, queryFn: getPaymentMethods });
}

export async function createSetupIntent() {
  return unwrap(await api.POST("/api/v1/billing/payment-methods/setup-intents/"));
}

export async function completeSetupIntent(setupIntentId: string) {
  return unwrap(
    await api.POST("/api/v1/billing/payment-methods/setup-intents/{setup_intent_id}/complete/", {
      params: { path: { setup_intent_id: setupIntentId } },
    }),
  );
}

export async function syncPayment(reference: string, paymentIntent: string) {
  return unwrap(
    await api.POST("/api/v1/payments/{reference}/sync/", {
      params: { path: { reference } },
      body: { payment_intent: paymentIntent },
    }),
  );
}

/**
 * Finishes a payment our API started: when the bank asks for 3-D Secure (`requires_action`),
 * Stripe.js shows its challenge, then the API is told to refresh the payment at once.
 * Returns the payment as it now stands (`succeeded`, `failed`, or still `processing`).
 */
export async function completePayment(started: PaymentStarted, locale = "fr"): Promise<Payment> {
  if (!started.requires_action) return started.payment;
  const stripe = await loadStripe(await getBillingConfig(), locale);
  const result = await stripe.confirmCardPayment(started.client_secret);
  const intent = result.paymentIntent?.id ?? paymentIntentId(started.client_secret);
  return syncPayment(started.payment.reference, intent);
}
