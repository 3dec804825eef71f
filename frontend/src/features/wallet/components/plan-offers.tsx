import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { completePayment } from "@/components/payments/api";
import { PaymentMethodPicker } from "@/components/payments/payment-method-picker";
import { loadStripe } from "@/components/payments/stripe";
import { getBillingConfig } from "@/components/payments/api";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import type { Plan } from "@/lib/api/types";
import { formatCredits, formatMoney } from "@/lib/format";
import { purchase, subscribe, syncSubscription, useRefreshAfterPurchase } from "../api/wallet";

type Outcome = { ok: true; message: string } | { ok: false; error?: unknown; message?: string };

function PlanCard({ plan, loggedIn }: { plan: Plan; loggedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const refresh = useRefreshAfterPurchase();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const language = i18n.language;
  const price = formatMoney(plan.price, plan.currency ?? "EUR", language);

  const pay = async (paymentMethod: string) => {
    setBusy(true);
    setOutcome(null);
    try {
      if (plan.is_recurring) {
        const started = await subscribe(plan.id, paymentMethod);
        let status = started.subscription.status;
        if (started.requires_action && started.client_secret) {
          // 3-D Secure for the first month, then ask the API to apply it at once.
          const stripe = await loadStripe(await getBillingConfig(), language);
          const result = await stripe.confirmCardPayment(started.client_secret);
          if (result.error) {
            setOutcome({ ok: false, message: result.error.message || t("payments.failed") });
            await refresh();
            return;
          }
          const synced = await syncSubscription(
            started.subscription.reference,
            result.paymentIntent?.id ?? started.payment_intent,
          );
          status = synced.status;
        }
        setOutcome(
          status === "active"
            ? { ok: true, message: t("wallet.subscribed", { plan: plan.name }) }
            : { ok: true, message: t("wallet.processing") },
        );
        setOpen(false);
      } else {
        const payment = await completePayment(await purchase(plan.id, paymentMethod), language);
        if (payment.status === "succeeded") {
          setOutcome({
            ok: true,
            message: t("wallet.bought", {
              plan: plan.name,
              credits: plan.credits ? formatCredits(plan.credits, language) : "",
            }),
          });
          setOpen(false);
        } else if (payment.status === "failed") {
          setOutcome({ ok: false, message: payment.failure_message || t("payments.failed") });
        } else {
          setOutcome({ ok: true, message: t("wallet.processing") });
        }
      }
      await refresh();
    } catch (error) {
      setOutcome({ ok: false, error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li>
      <article className="plan-card" aria-labelledby={`${id}-name`}>
        <h3 id={`${id}-name`}>{plan.name}</h3>
        <p className="plan-price">{plan.is_recurring ? t("wallet.perMonth", { price }) : price}</p>
        <p>
          {plan.credits
            ? plan.is_recurring
              ? t("wallet.creditsPerMonth", {
                  count: Number(plan.credits),
                  credits: formatCredits(plan.credits, language),
                })
              : t("wallet.creditsValid", {
                  count: Number(plan.credits),
                  credits: formatCredits(plan.credits, language),
                  days: plan.validity_days ?? 365,
                })
            : t("wallet.unlimited")}
        </p>
        <p className="field-hint">
          {plan.space ? t("wallet.validAt", { place: plan.space.name }) : t("wallet.validNetwork")}{" "}
          · {t("wallet.soldBy", { seller: plan.seller_name })}
        </p>
        {plan.description ? <p>{plan.description}</p> : null}
        {outcome?.ok ? <SuccessAlert>{outcome.message}</SuccessAlert> : null}
        {outcome && !outcome.ok ? (
          outcome.error ? (
            <ErrorAlert error={outcome.error} />
          ) : (
            <ErrorAlert>
              <p>{t("payments.failed")}</p>
              <p>{outcome.message}</p>
            </ErrorAlert>
          )
        ) : null}
        {loggedIn ? (
          <button
            type="button"
            className="button button-secondary button-small"
            aria-expanded={open}
            aria-controls={`${id}-buy`}
            onClick={() => setOpen((shown) => !shown)}
          >
            {plan.is_recurring ? t("wallet.subscribe") : t("wallet.buy")}
            <span className="visually-hidden"> — {plan.name}</span>
          </button>
        ) : null}
        <div id={`${id}-buy`} hidden={!open}>
          {open ? (
            <PaymentMethodPicker
              payLabel={t("payments.payAmount", { amount: price })}
              busy={busy}
              onPay={pay}
            />
          ) : null}
        </div>
      </article>
    </li>
  );
}

/** Carnets, the network pass and monthly plans on sale, each bought by card. */
export function PlanOffers({ plans, loggedIn }: { plans: Plan[]; loggedIn: boolean }) {
  const { t } = useTranslation();
  const network = plans.filter((plan) => !plan.space);
  const places = plans.filter((plan) => plan.space);
  return (
    <>
      {network.length ? (
        <>
          <h3 className="subheading">{t("wallet.networkOffers")}</h3>
          <ul className="plan-list">
            {network.map((plan) => (
              <PlanCard key={plan.id} plan={plan} loggedIn={loggedIn} />
            ))}
          </ul>
        </>
      ) : null}
      {places.length ? (
        <>
          <h3 className="subheading">{t("wallet.placeOffers")}</h3>
          <ul className="plan-list">
            {places.map((plan) => (
              <PlanCard key={plan.id} plan={plan} loggedIn={loggedIn} />
            ))}
          </ul>
        </>
      ) : null}
      {plans.length === 0 ? <p>{t("wallet.noOffers")}</p> : null}
    </>
  );
}
