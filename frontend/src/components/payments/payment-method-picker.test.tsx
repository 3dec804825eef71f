import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { QueryClientProvider } from "@tanstack/react-query";
import { json, mockApi } from "@/testing/mock-api";
import { createTestQueryClient } from "@/testing/render";
import { PaymentMethodPicker } from "./payment-method-picker";
import type * as StripeModule from "./stripe";

const confirmCardSetup = vi.fn(async () => ({
  setupIntent: { id: "seti_1", status: "succeeded" },
  error: null,
}));

/** Like the local fake Stripe: plain inputs named by their placeholder. */
const cardElement = {
  mount(target: HTMLElement) {
    for (const field of ["number", "exp_month", "exp_year", "cvc", "postal_code"]) {
      const input = document.createElement("input");
      input.placeholder = field;
      target.appendChild(input);
    }
  },
  destroy: vi.fn(),
  on: vi.fn(),
};

vi.mock("./stripe", async (importOriginal) => ({
  ...(await importOriginal<typeof StripeModule>()),
  loadStripe: async () => ({
    elements: () => ({ create: () => cardElement }),
    confirmCardSetup,
  }),
}));

function wrap(children: ReactNode) {
  return <QueryClientProvider client={createTestQueryClient()}>{children}</QueryClientProvider>;
}

describe("PaymentMethodPicker", () => {
  it("saves a new card through a SetupIntent, then pays with it", async () => {
    const user = userEvent.setup();
    const mock = mockApi({
      "GET /api/v1/billing/config/": json({
        publishable_key: "pk_test_local",
        stripe_js_url: "http://127.0.0.1:8420/js.stripe.com/v3/",
        mode: "local",
      }),
      "GET /api/v1/billing/payment-methods/": json([]),
      "POST /api/v1/billing/payment-methods/setup-intents/": json(
        { setup_intent_id: "seti_1", client_secret: "seti_1_secret_x" },
        201,
      ),
      "POST /api/v1/billing/payment-methods/setup-intents/{setup_intent_id}/complete/": json({
        id: "pm_new",
        brand: "visa",
        last4: "4242",
        exp_month: 12,
        exp_year: 2031,
      }),
    });
    const onPay = vi.fn(async () => undefined);
    render(wrap(<PaymentMethodPicker payLabel="Payer 10,00 €" onPay={onPay} />));

    expect(await screen.findByRole("radio", { name: "Nouvelle carte" })).toBeChecked();
    // The fake element's inputs get names and autofill hints.
    expect(await screen.findByLabelText("Numéro de carte")).toHaveAttribute(
      "autocomplete",
      "cc-number",
    );
    expect(screen.getByLabelText("Année d’expiration (AA)")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Payer 10,00 €" }));

    await vi.waitFor(() => expect(onPay).toHaveBeenCalledWith("pm_new"));
    expect(confirmCardSetup).toHaveBeenCalledWith("seti_1_secret_x", {
      payment_method: { card: cardElement },
    });
    expect(
      mock.calls("POST", "/api/v1/billing/payment-methods/setup-intents/seti_1/complete/"),
    ).toHaveLength(1);
  });

  it("reports a refused card and does not pay", async () => {
    const user = userEvent.setup();
    confirmCardSetup.mockResolvedValueOnce({
      setupIntent: undefined as never,
      error: { message: "Your card was declined." } as never,
    });
    mockApi({
      "GET /api/v1/billing/config/": json({
        publishable_key: "pk_test_local",
        stripe_js_url: "http://127.0.0.1:8420/js.stripe.com/v3/",
        mode: "local",
      }),
      "GET /api/v1/billing/payment-methods/": json([]),
      "POST /api/v1/billing/payment-methods/setup-intents/": json(
        { setup_intent_id: "seti_2", client_secret: "seti_2_secret_x" },
        201,
      ),
    });
    const onPay = vi.fn(async () => undefined);
    render(wrap(<PaymentMethodPicker payLabel="Payer 10,00 €" onPay={onPay} />));
    await screen.findByLabelText("Numéro de carte");
    await user.click(screen.getByRole("button", { name: "Payer 10,00 €" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Carte refusée : Your card was declined.",
    );
    expect(onPay).not.toHaveBeenCalled();
  });
});
