import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { completePayment } from "@/components/payments/api";
import { EmployerPayChoice } from "@/components/employer-pay/employer-pay-choice";
import { PaymentMethodPicker } from "@/components/payments/payment-method-picker";
import { ErrorAlert, Loading } from "@/components/ui/status";
import type { Booking, Payment } from "@/lib/api/types";
import { formatCredits, formatMoney } from "@/lib/format";
import { getBooking, useRefreshAfterPayment } from "../api/bookings";
import { useCheckout, useQuote } from "../api/payments";
import { HoldCountdown } from "./hold-countdown";

type Method = "credits" | "card";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The booking once the payment is applied (a card payment may confirm it a moment later). */
async function settledBooking(id: number): Promise<Booking> {
  let booking = await getBooking(id);
  for (let attempt = 0; attempt < 5 && booking.status === "held"; attempt++) {
    await wait(800);
    booking = await getBooking(id);
  }
  return booking;
}

type PayStepProps = {
  booking: Booking;
  /** The booking, confirmed. */
  onPaid: (booking: Booking) => void;
  onExpired?: () => void;
};

/**
 * Pay for a held booking before its hold runs out: with credits when there are enough (or a
 * plan covers it), else by card (a saved one, or a new one saved on the way).
 */
export function PayStep({ booking, onPaid, onExpired }: PayStepProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const quote = useQuote(booking.id);
  const checkout = useCheckout();
  const refresh = useRefreshAfterPayment();
  const [choice, setChoice] = useState<Method | null>(null);
  const [expired, setExpired] = useState(false);
  const [failure, setFailure] = useState<Payment | null>(null);
  const [working, setWorking] = useState(false);

  if (quote.isPending) return <Loading />;
  if (quote.isError) {
    return <ErrorAlert error={quote.error} onRetry={() => void quote.refetch()} />;
  }
  const q = quote.data;
  const language = i18n.language;
  const covered = q.covered_by_subscription;
  const enoughCredits =
    covered || (q.credits !== null && Number(q.credits_available) >= Number(q.credits));
  const byCard = q.amount !== null;
  const method: Method | null =
    choice ?? (enoughCredits ? "credits" : byCard ? "card" : q.credits !== null ? "credits" : null);
  const price = q.amount !== null ? formatMoney(q.amount, q.currency, language) : null;

  const finish = async () => {
    const paid = await settledBooking(booking.id);
    await refresh();
    if (paid.status === "held") {
      setFailure(null);
      return;
    }
    onPaid(paid);
  };

  const payWithCredits = () => {
    setFailure(null);
    checkout.mutate(
      { bookingId: booking.id, method: "credits" },
      {
        onSuccess: async () => {
          setWorking(true);
          try {
            await finish();
          } finally {
            setWorking(false);
          }
        },
      },
    );
  };

  const payByCard = async (paymentMethod: string) => {
    setFailure(null);
    setWorking(true);
    try {
      const result = await checkout.mutateAsync({
        bookingId: booking.id,
        method: "card",
        paymentMethod,
      });
      const payment = result.payment ? await completePayment(result.payment, language) : null;
      if (payment && payment.status === "failed") {
        setFailure(payment);
        return;
      }
      await finish();
    } catch {
      // Shown through checkout.error.
    } finally {
      setWorking(false);
    }
  };

  const disabled = expired || working || checkout.isPending;

  return (
    <div className="pay-step">
      {booking.expires_at ? (
        <HoldCountdown
          expiresAt={booking.expires_at}
          onExpire={() => {
            setExpired(true);
            onExpired?.();
          }}
        />
      ) : null}
      {expired ? (
        <div className="alert alert-error" role="alert">
          <p>{t("booking.holdExpiredText")}</p>
        </div>
      ) : null}
      <dl className="contact-list">
        <dt>{q.is_member_price && !covered ? t("booking.memberPrice") : t("payments.amount")}</dt>
        <dd>
          {covered
            ? t("payments.coveredBySubscription")
            : [
                price,
                q.credits !== null
                  ? t("payments.creditsCount", {
                      count: Number(q.credits),
                      credits: formatCredits(q.credits, language),
                    })
                  : null,
              ]
                .filter(Boolean)
                .join(` ${t("payments.or")} `)}
        </dd>
        <dt>{t("payments.creditsAvailable")}</dt>
        <dd>{formatCredits(q.credits_available, language)}</dd>
      </dl>
      <EmployerPayChoice
        bookingId={booking.id}
        disabled={expired}
        onPaid={finish}
        personal={
          <>
            {!covered ? (
              <fieldset className="fieldset">
                <legend>{t("payments.method")}</legend>
                <div className="checkbox-field">
                  <input
                    type="radio"
                    id={`${id}-credits`}
                    name={`${id}-method`}
                    checked={method === "credits"}
                    disabled={q.credits === null || !enoughCredits}
                    aria-describedby={`${id}-credits-hint`}
                    onChange={() => setChoice("credits")}
                  />
                  <label htmlFor={`${id}-credits`}>{t("payments.withCredits")}</label>
                  <p className="field-hint" id={`${id}-credits-hint`}>
                    {q.credits === null
                      ? t("payments.notSoldInCredits")
                      : enoughCredits
                        ? t("payments.creditsEnough")
                        : t("payments.creditsShort")}
                  </p>
                </div>
                <div className="checkbox-field">
                  <input
                    type="radio"
                    id={`${id}-card`}
                    name={`${id}-method`}
                    checked={method === "card"}
                    disabled={!byCard}
                    onChange={() => setChoice("card")}
                  />
                  <label htmlFor={`${id}-card`}>{t("payments.byCard")}</label>
                </div>
              </fieldset>
            ) : null}
            {checkout.error ? <ErrorAlert error={checkout.error} /> : null}
            {failure ? (
              <div className="alert alert-error" role="alert">
                <p className="alert-title">{t("payments.failed")}</p>
                {failure.failure_message ? <p>{failure.failure_message}</p> : null}
                <p>{t("payments.tryAnotherCard")}</p>
              </div>
            ) : null}
            {working ? <Loading label={t("payments.paying")} /> : null}
            {method === "credits" || covered ? (
              <button type="button" className="button" disabled={disabled} onClick={payWithCredits}>
                {covered
                  ? t("payments.confirmWithSubscription")
                  : t("payments.payWithCredits", {
                      count: Number(q.credits ?? 0),
                      credits: formatCredits(q.credits ?? "0", language),
                    })}
              </button>
            ) : null}
            {method === "card" && !covered && !expired ? (
              <PaymentMethodPicker
                payLabel={t("payments.payAmount", { amount: price ?? "" })}
                busy={disabled}
                onPay={payByCard}
              />
            ) : null}
          </>
        }
      />
    </div>
  );
}
