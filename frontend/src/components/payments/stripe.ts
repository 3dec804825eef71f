/**
 * Stripe.js, loaded on demand from the URL billing/config gives (js.stripe.com, or the local
 * fake Stripe's stand-in in development and tests), with only the subset of its API Ostal
 * uses: a card Element, confirmCardSetup (save a card) and confirmCardPayment (3-D Secure).
 */
import type { BillingConfig } from "@/lib/api/types";

export type StripeError = { message?: string; code?: string };

export type StripeCardElement = {
  mount(element: HTMLElement): void;
  destroy(): void;
  on(event: "change", handler: (event?: { complete?: boolean; error?: StripeError }) => void): void;
};

export type StripeInstance = {
  elements(options?: Record<string, unknown>): {
    create(type: "card", options?: Record<string, unknown>): StripeCardElement;
  };
  confirmCardSetup(
    clientSecret: string,
    data: { payment_method: { card: StripeCardElement } },
  ): Promise<{ setupIntent?: { id: string; status: string }; error?: StripeError | null }>;
  confirmCardPayment(
    clientSecret: string,
  ): Promise<{ paymentIntent?: { id: string; status: string }; error?: StripeError | null }>;
};

type StripeFactory = (publishableKey: string, options?: Record<string, unknown>) => StripeInstance;

declare global {
  interface Window {
    Stripe?: StripeFactory;
  }
}

const scripts = new Map<string, Promise<StripeFactory>>();
const instances = new Map<string, StripeInstance>();

function loadScript(url: string): Promise<StripeFactory> {
  const known = scripts.get(url);
  if (known) return known;
  const promise = new Promise<StripeFactory>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.addEventListener("load", () => {
      if (typeof window.Stripe === "function") resolve(window.Stripe);
      else reject(new Error("Stripe.js did not load"));
    });
    script.addEventListener("error", () => {
      scripts.delete(url);
      script.remove();
      reject(new Error("Stripe.js could not be loaded"));
    });
    document.head.appendChild(script);
  });
  scripts.set(url, promise);
  return promise;
}

/** The Stripe object for this configuration (the script is loaded once). */
export async function loadStripe(config: BillingConfig, locale = "fr"): Promise<StripeInstance> {
  const key = `${config.stripe_js_url}|${config.publishable_key}|${locale}`;
  const known = instances.get(key);
  if (known) return known;
  const factory = await loadScript(config.stripe_js_url);
  const stripe = factory(config.publishable_key, { locale });
  instances.set(key, stripe);
  return stripe;
}

/** "pi_123_secret_abc" → "pi_123" (the PaymentIntent a client secret belongs to). */
export function paymentIntentId(clientSecret: string): string {
  const match = /^(pi_[A-Za-z0-9]+)_secret_/.exec(clientSecret);
  return match?.[1] ?? clientSecret.split("_secret_")[0] ?? clientSecret;
}
