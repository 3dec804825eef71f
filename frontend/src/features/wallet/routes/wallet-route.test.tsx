import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type * as StripeModule from "@/components/payments/stripe";
import type { Payment } from "@/lib/api/types";
import { carnet, invoice, loggedInSession, memberMe, wallet } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

const confirmCardPayment = vi.fn(async () => ({
  paymentIntent: { id: "pi_123", status: "succeeded" },
}));

vi.mock("@/components/payments/stripe", async (importOriginal) => ({
  ...(await importOriginal<typeof StripeModule>()),
  loadStripe: async () => ({ confirmCardPayment }),
}));

const payment: Payment = {
  reference: "0a1b2c3d-0000-4000-8000-000000000002",
  purpose: "plan_purchase",
  description: "Carnet 10 journées",
  amount: "120.00",
  currency: "EUR",
  amount_refunded: "0.00",
  status: "succeeded",
  failure_code: "",
  failure_message: "",
  booking_id: null,
  plan_id: 9,
  subscription_reference: null,
  seller_name: "La Cantine SAS",
  is_disputed: false,
  created_at: "2026-11-01T10:00:00Z",
  succeeded_at: "2026-11-01T10:00:00Z",
  refunds: [],
};

const emptyPage = { count: 0, next: null, previous: null, results: [] };

function api(purchase: () => ReturnType<typeof json>) {
  let bought = false;
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(),
    "GET /api/v1/me/": json(memberMe),
    "GET /api/v1/wallet/": () =>
      json(bought ? wallet : { ...wallet, total_credits: "0.00", space_credits: [], lots: [] }),
    "GET /api/v1/wallet/entries/": json(emptyPage),
    "GET /api/v1/plans/": json([carnet]),
    "GET /api/v1/subscriptions/": json([]),
    "GET /api/v1/payments/": () =>
      json(bought ? { ...emptyPage, count: 1, results: [payment] } : emptyPage),
    "GET /api/v1/invoices/": () =>
      json(bought ? { ...emptyPage, count: 1, results: [invoice] } : emptyPage),
    "GET /api/v1/billing/config/": json({
      publishable_key: "pk_test_local",
      stripe_js_url: "http://127.0.0.1:8420/js.stripe.com/v3/",
      mode: "local",
    }),
    "GET /api/v1/billing/payment-methods/": json([
      { id: "pm_visa", brand: "visa", last4: "4242", exp_month: 12, exp_year: 2031 },
    ]),
    "POST /api/v1/purchases/": () => {
      bought = true;
      return purchase();
    },
    "POST /api/v1/payments/{reference}/sync/": json(payment),
  });
}

describe("wallet", () => {
  it("buys a carnet with a saved card, then shows the credits and the invoice", async () => {
    const user = userEvent.setup();
    const mock = api(() =>
      json({ payment, client_secret: "pi_123_secret_abc", requires_action: false }, 201),
    );
    renderApp("/portefeuille");
    expect(
      await screen.findByText("Vous n’avez pas de crédits pour le moment."),
    ).toBeInTheDocument();

    const offer = screen.getByRole("article", { name: "Carnet 10 journées" });
    expect(offer).toHaveTextContent("120,00 €");
    expect(offer).toHaveTextContent("10 crédits, valables 180 jours");
    await user.click(within(offer).getByRole("button", { name: /Acheter/ }));
    expect(
      await within(offer).findByRole("radio", {
        name: "VISA se terminant par 4242 (expire 12/2031)",
      }),
    ).toBeChecked();
    await user.click(within(offer).getByRole("button", { name: /^Payer 120,00\s€$/ }));

    expect(await within(offer).findByText(/Achat confirmé/)).toBeInTheDocument();
    const [post] = mock.calls("POST", "/api/v1/purchases/");
    expect(await (post as Request).json()).toEqual({
      plan: 9,
      payment_method: "pm_visa",
      save_card: false,
    });
    expect(await screen.findByText("10 crédits utilisables")).toBeInTheDocument();
    const lots = screen.getByRole("table", { name: "Lots de crédits" });
    expect(within(lots).getByRole("row", { name: /Carnet 10 journées/ })).toHaveTextContent(
      "10 sur 10",
    );
    const invoices = await screen.findByRole("table", { name: "Factures et avoirs" });
    expect(
      await within(invoices).findByRole("link", { name: "Télécharger le PDF F-2026-000123" }),
    ).toHaveAttribute("href", invoice.pdf_url);
  });

  it("goes through 3-D Secure, then asks the API to sync the payment", async () => {
    const user = userEvent.setup();
    const mock = api(() =>
      json(
        {
          payment: { ...payment, status: "requires_payment" },
          client_secret: "pi_123_secret_abc",
          requires_action: true,
        },
        201,
      ),
    );
    renderApp("/portefeuille");
    const offer = await screen.findByRole("article", { name: "Carnet 10 journées" });
    await user.click(within(offer).getByRole("button", { name: /Acheter/ }));
    await user.click(await within(offer).findByRole("button", { name: /^Payer 120,00\s€$/ }));

    expect(await within(offer).findByText(/Achat confirmé/)).toBeInTheDocument();
    expect(confirmCardPayment).toHaveBeenCalledWith("pi_123_secret_abc");
    const [sync] = mock.calls("POST", `/api/v1/payments/${payment.reference}/sync/`);
    expect(await (sync as Request).json()).toEqual({ payment_intent: "pi_123" });
  });
});
