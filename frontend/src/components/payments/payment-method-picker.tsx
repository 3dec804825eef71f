import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { queryKeys } from "@/lib/query-keys";
import { completeSetupIntent, createSetupIntent, useBillingConfig, usePaymentMethods } from "./api";
import { loadStripe, type StripeCardElement, type StripeInstance } from "./stripe";

const NEW_CARD = "new";

/** Accessible names for the plain inputs of the local fake Stripe's card element. */
const LOCAL_FIELDS = {
  number: { label: "payments.cardNumber", autoComplete: "cc-number" },
  exp_month: { label: "payments.cardExpMonth", autoComplete: "cc-exp-month" },
  exp_year: { label: "payments.cardExpYear", autoComplete: "cc-exp-year" },
  cvc: { label: "payments.cardCvc", autoComplete: "cc-csc" },
  postal_code: { label: "payments.cardPostalCode", autoComplete: "postal-code" },
} as const;

class CardError extends Error {}

type PaymentMethodPickerProps = {
  /** Text of the pay button ("Payer 12,50 €"). */
  payLabel: string;
  /**
   * Pays with a saved card (pm_…). It reports its own errors (the picker only reports card
   * entry errors); a rejection is ignored here.
   */
  onPay: (paymentMethodId: string) => Promise<unknown>;
  /** The parent's payment is running. */
  busy?: boolean;
};

/**
 * Choose a saved card, or enter a new one. A new card is first saved at Stripe (SetupIntent
 * confirmed by Stripe.js, then completed on our API), then paid with like a saved one: the
 * flow the local fake Stripe supports too.
 */
export function PaymentMethodPicker({ payLabel, onPay, busy = false }: PaymentMethodPickerProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const config = useBillingConfig();
  const cards = usePaymentMethods();
  const [choice, setChoice] = useState<string | null>(null);
  const [cardState, setCardState] = useState<"idle" | "loading" | "ready" | "failed">("idle");
  const [cardError, setCardError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const mountPoint = useRef<HTMLDivElement>(null);
  const stripeRef = useRef<StripeInstance | null>(null);
  const elementRef = useRef<StripeCardElement | null>(null);

  const saved = cards.data ?? [];
  const selected = choice ?? (saved[0]?.id || (cards.isPending ? null : NEW_CARD));
  const wantsNewCard = selected === NEW_CARD;
  const language = i18n.language;

  useEffect(() => {
    if (!wantsNewCard || !config.data || !mountPoint.current) return;
    let cancelled = false;
    const target = mountPoint.current;
    setCardState("loading");
    loadStripe(config.data, language)
      .then((stripe) => {
        if (cancelled) return;
        stripeRef.current = stripe;
        const element = stripe.elements({ locale: language }).create("card", {
          hidePostalCode: true,
          style: { base: { fontSize: "16px", color: "#1f2933" } },
        });
        element.mount(target);
        element.on("change", (event) => setCardError(event?.error?.message ?? null));
        elementRef.current = element;
        // The local fake Stripe draws plain inputs: give them names and autofill hints.
        target.querySelectorAll("input").forEach((input) => {
          const field = LOCAL_FIELDS[input.placeholder as keyof typeof LOCAL_FIELDS];
          if (!field) return;
          input.setAttribute("aria-label", t(field.label));
          input.setAttribute("autocomplete", field.autoComplete);
          input.setAttribute("inputmode", "numeric");
        });
        setCardState("ready");
      })
      .catch(() => {
        if (!cancelled) setCardState("failed");
      });
    return () => {
      cancelled = true;
      elementRef.current?.destroy();
      elementRef.current = null;
    };
  }, [wantsNewCard, config.data, language, t]);

  const saveNewCard = async (): Promise<string> => {
    const stripe = stripeRef.current;
    const element = elementRef.current;
    if (!stripe || !element) throw new CardError(t("payments.cardUnavailable"));
    const intent = await createSetupIntent();
    const result = await stripe.confirmCardSetup(intent.client_secret, {
      payment_method: { card: element },
    });
    if (result.error || !result.setupIntent) {
      throw new CardError(result.error?.message || t("payments.cardRefused"));
    }
    const card = await completeSetupIntent(intent.setup_intent_id);
    await queryClient.invalidateQueries({ queryKey: queryKeys.paymentMethods });
    setChoice(card.id);
    return card.id;
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!selected || saving || busy) return;
    setCardError(null);
    setSaving(true);
    let paymentMethod: string;
    try {
      paymentMethod = wantsNewCard ? await saveNewCard() : selected;
    } catch (error) {
      setCardError(error instanceof CardError ? error.message : t("payments.cardRefused"));
      setSaving(false);
      return;
    }
    setSaving(false);
    await onPay(paymentMethod).catch(() => undefined);
  };

  if (cards.isPending || config.isPending) return <Loading />;
  if (config.isError)
    return <ErrorAlert error={config.error} onRetry={() => void config.refetch()} />;

  return (
    <form className="payment-form" onSubmit={onSubmit} noValidate>
      <fieldset className="fieldset">
        <legend>{t("payments.cardChoice")}</legend>
        <ul className="radio-list">
          {saved.map((card) => (
            <li key={card.id} className="checkbox-field">
              <input
                type="radio"
                id={`${id}-${card.id}`}
                name={`${id}-card`}
                value={card.id}
                checked={selected === card.id}
                onChange={() => setChoice(card.id)}
              />
              <label htmlFor={`${id}-${card.id}`}>
                {t("payments.savedCard", {
                  brand: card.brand.toUpperCase(),
                  last4: card.last4,
                  month: String(card.exp_month).padStart(2, "0"),
                  year: card.exp_year,
                })}
              </label>
            </li>
          ))}
          <li className="checkbox-field">
            <input
              type="radio"
              id={`${id}-new`}
              name={`${id}-card`}
              value={NEW_CARD}
              checked={wantsNewCard}
              onChange={() => setChoice(NEW_CARD)}
            />
            <label htmlFor={`${id}-new`}>{t("payments.newCard")}</label>
          </li>
        </ul>
      </fieldset>
      {wantsNewCard ? (
        <div className="field" role="group" aria-labelledby={`${id}-card-label`}>
          <p className="field-label" id={`${id}-card-label`}>
            {t("payments.cardDetails")}
          </p>
          <p className="field-hint" id={`${id}-card-hint`}>
            {config.data?.mode === "local" ? t("payments.cardHintLocal") : t("payments.cardHint")}
          </p>
          {cardState === "loading" ? <Loading label={t("payments.cardLoading")} /> : null}
          {cardState === "failed" ? <ErrorAlert>{t("payments.cardUnavailable")}</ErrorAlert> : null}
          <div ref={mountPoint} className="card-element" aria-describedby={`${id}-card-hint`} />
          <p className="field-hint">{t("payments.cardSaved")}</p>
        </div>
      ) : null}
      {cardError ? (
        <div className="alert alert-error" role="alert">
          <p>{t("payments.cardErrorPrefix", { message: cardError })}</p>
        </div>
      ) : null}
      <button
        type="submit"
        className="button"
        disabled={saving || busy || (wantsNewCard && cardState !== "ready")}
      >
        {saving || busy ? t("payments.paying") : payLabel}
      </button>
    </form>
  );
}
