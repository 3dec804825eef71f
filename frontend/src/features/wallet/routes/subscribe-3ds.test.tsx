import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type * as StripeModule from "@/components/payments/stripe";
import type { Plan, Subscription } from "@/lib/api/types";
import { carnet, loggedInSession, memberMe, wallet } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

const confirmCardPayment = vi.fn(
  async (): Promise<{
    paymentIntent?: { id: string; status: string };
    error?: { message?: string } | null;
  }> => ({ paymentIntent: { id: "pi_sub", status: "succeeded" } }),
);

vi.mock("@/components/payments/stripe", async (importOriginal) => ({
  ...(await importOriginal<typeof StripeModule>()),
  loadStripe: async () => ({ confirmCardPayment }),
}));

const monthly: Plan = {
  ...carnet,
  id: 12,
  kind: "place_n_days",
  name: "Abonnement 8 jours",
  credits: "8.00",
  price: "96.00",
  is_recurring: true,
};

const subscription: Subscription = {
  reference: "5b1b2c3d-0000-4000-8000-000000000009",
  plan: monthly,
  status: "incomplete",
  current_period_start: null,
  current_period_end: null,
  cancel_at_period_end: false,
  failed_payment_count: 0,
  credits_left: null,
  activated_at: null,
  suspended_at: null,
  cancelled_at: null,
  created_at: "2026-11-26T10:00:00Z",
};

const emptyPage = { count: 0, next: null, previous: null, results: [] };

function api() {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(),
    "GET /api/v1/me/": json(memberMe),
    "GET /api/v1/wallet/": json(wallet),
    "GET /api/v1/wallet/entries/": json(emptyPage),
    "GET /api/v1/plans/": json([monthly]),
    "GET /api/v1/subscriptions/": json([]),
    "GET /api/v1/payments/": json(emptyPage),
    "GET /api/v1/invoices/": json(emptyPage),
    "GET /api/v1/billing/config/": json({
      publishable_key: "pk_test_local",
      stripe_js_url: "http://127.0.0.1:8420/js.stripe.com/v3/",
      mode: "local",
      late_cancellation_refund_percent: 0,
    }),
    "GET /api/v1/billing/payment-methods/": json([
      { id: "pm_visa", brand: "visa", last4: "4242", exp_month: 12, exp_year: 2031 },
    ]),
    "POST /api/v1/subscriptions/": json(
      {
        subscription,
        client_secret: "pi_sub_secret_abc",
        requires_action: true,
        payment_intent: "pi_sub",
      },
      201,
    ),
    "POST /api/v1/subscriptions/{reference}/sync/": json({
      ...subscription,
      status: "active",
      credits_left: "8.00",
    }),
  });
}

async function subscribe(user: ReturnType<typeof userEvent.setup>) {
  const offer = await screen.findByRole("article", { name: "Abonnement 8 jours" });
  await user.click(within(offer).getByRole("button", { name: /S’abonner/ }));
  await user.click(await within(offer).findByRole("button", { name: /^Payer 96,00\s€$/ }));
  return offer;
}

describe("subscribing with 3-D Secure", () => {
  it("confirms the first month with Stripe.js, then syncs the subscription at once", async () => {
    const user = userEvent.setup();
    const mock = api();
    renderApp("/portefeuille");

    const offer = await subscribe(user);

    expect(
      await within(offer).findByText("Abonnement « Abonnement 8 jours » enregistré."),
    ).toBeInTheDocument();
    expect(confirmCardPayment).toHaveBeenCalledWith("pi_sub_secret_abc");
    const [sync] = mock.calls("POST", `/api/v1/subscriptions/${subscription.reference}/sync/`);
    expect(await (sync as Request).json()).toEqual({ payment_intent: "pi_sub" });
  });

  it("reports a failed authentication and does not claim the plan is active", async () => {
    confirmCardPayment.mockResolvedValueOnce({ error: { message: "Authentification refusée." } });
    const user = userEvent.setup();
    const mock = api();
    renderApp("/portefeuille");

    const offer = await subscribe(user);

    expect(await within(offer).findByText("Authentification refusée.")).toBeInTheDocument();
    expect(within(offer).queryByText(/enregistré/)).toBeNull();
    expect(
      mock.calls("POST", `/api/v1/subscriptions/${subscription.reference}/sync/`),
    ).toHaveLength(0);
  });
});
