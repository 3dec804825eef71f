import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { completePayment } from "@/components/payments/api";
import { PaymentMethodPicker } from "@/components/payments/payment-method-picker";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { localizedMessage } from "@/lib/api/errors";
import { formatCredits, formatMoney } from "@/lib/format";
import {
  employerCheckout,
  myEmployerKey,
  useEligibility,
  useMyEmployer,
  type Eligibility,
} from "./api";
import { useEmployerPayT } from "./i18n";

type Payer = "employer" | "me";
type ShareMethod = "credits" | "card";

type EmployerPayChoiceProps = {
  bookingId: number;
  /** The hold ran out, or the parent is paying. */
  disabled?: boolean;
  /** Called once the employer's checkout went through (the parent checks the booking). */
  onPaid: () => Promise<void>;
  /** The personal payment options (credits, card), shown when the employee pays. */
  personal: ReactNode;
};

/**
 * On the payment step of a held booking: for an employee, "Paid by my employer" comes first.
 * The API says whether the employer's policy pays for this booking (else its exact reason),
 * what the employee's share is, and whether they may pay personally instead. Anyone without
 * an employer sees the personal options only.
 */
export function EmployerPayChoice({
  bookingId,
  disabled,
  onPaid,
  personal,
}: EmployerPayChoiceProps) {
  const myEmployer = useMyEmployer();
  const employer = myEmployer.data;
  const eligibility = useEligibility(bookingId, { enabled: Boolean(employer) });
  const { t } = useEmployerPayT();

  if (myEmployer.isPending) return <Loading />;
  if (!employer) return <>{personal}</>;
  if (eligibility.isPending) return <Loading label={t("checking")} />;
  if (eligibility.isError) {
    return (
      <>
        <ErrorAlert error={eligibility.error} onRetry={() => void eligibility.refetch()} />
        {personal}
      </>
    );
  }
  return (
    <Choice
      bookingId={bookingId}
      employerName={employer.employer_name}
      eligibility={eligibility.data}
      disabled={disabled}
      onPaid={onPaid}
      personal={personal}
    />
  );
}

function Choice({
  bookingId,
  employerName,
  eligibility,
  disabled,
  onPaid,
  personal,
}: Omit<EmployerPayChoiceProps, "bookingId"> & {
  bookingId: number;
  employerName: string;
  eligibility: Eligibility;
}) {
  const { t, language } = useEmployerPayT();
  const id = useId();
  const [chosen, setChosen] = useState<Payer | null>(null);
  const payer: Payer = chosen ?? (eligibility.eligible ? "employer" : "me");
  const reason = eligibility.message ? localizedMessage(eligibility.message, language) : "";
  if (eligibility.already_paid) return <p className="field-hint">{t("alreadyPaid")}</p>;
  return (
    <>
      <fieldset className="fieldset">
        <legend>{t("who")}</legend>
        <div className="checkbox-field">
          <input
            type="radio"
            id={`${id}-employer`}
            name={`${id}-payer`}
            checked={payer === "employer"}
            disabled={!eligibility.eligible}
            aria-describedby={`${id}-employer-hint`}
            onChange={() => setChosen("employer")}
          />
          <label htmlFor={`${id}-employer`}>{t("byEmployer", { employer: employerName })}</label>
          <div className="field-hint" id={`${id}-employer-hint`}>
            {eligibility.eligible ? (
              eligibility.company_share_percent >= 100 ? (
                t("shareAll", { employer: employerName })
              ) : (
                t("share", { employer: employerName, percent: eligibility.company_share_percent })
              )
            ) : (
              <div className="alert alert-warning" role="alert">
                <p className="alert-title">{t("refusedTitle", { employer: employerName })}</p>
                <p>{reason}</p>
              </div>
            )}
          </div>
        </div>
        {eligibility.may_pay_personally ? (
          <div className="checkbox-field">
            <input
              type="radio"
              id={`${id}-me`}
              name={`${id}-payer`}
              checked={payer === "me"}
              onChange={() => setChosen("me")}
            />
            <label htmlFor={`${id}-me`}>{t("byMe")}</label>
          </div>
        ) : (
          <p className="field-hint">{t("notAllowed", { employer: employerName })}</p>
        )}
      </fieldset>
      {payer === "employer" && eligibility.eligible ? (
        <EmployerCheckout
          bookingId={bookingId}
          employerName={employerName}
          eligibility={eligibility}
          disabled={disabled}
          onPaid={onPaid}
        />
      ) : null}
      {payer === "me" && eligibility.may_pay_personally ? personal : null}
    </>
  );
}

function EmployerCheckout({
  bookingId,
  employerName,
  eligibility,
  disabled,
  onPaid,
}: {
  bookingId: number;
  employerName: string;
  eligibility: Eligibility;
  disabled?: boolean;
  onPaid: () => Promise<void>;
}) {
  const { t, language } = useEmployerPayT();
  const id = useId();
  const queryClient = useQueryClient();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [cardFailed, setCardFailed] = useState<string | null>(null);
  const shareCredits = Number(eligibility.employee_share_credits);
  const hasShare = shareCredits > 0;
  const amount = eligibility.employee_share_amount
    ? formatMoney(eligibility.employee_share_amount, eligibility.currency, language)
    : null;
  const [method, setMethod] = useState<ShareMethod>("credits");

  const pay = async (paymentMethod = "") => {
    setWorking(true);
    setError(null);
    setCardFailed(null);
    try {
      const result = await employerCheckout({
        booking: bookingId,
        employee_method: hasShare ? method : "",
        payment_method: paymentMethod,
      });
      if (result.payment) {
        const payment = await completePayment(result.payment, language);
        if (payment.status === "failed") {
          setCardFailed(payment.failure_message || t("cardFailed"));
          return;
        }
      }
      await queryClient.invalidateQueries({ queryKey: myEmployerKey });
      await onPaid();
    } catch (caught) {
      setError(caught);
    } finally {
      setWorking(false);
    }
  };

  const busy = working || Boolean(disabled);
  return (
    <div className="employer-checkout">
      {hasShare ? (
        <fieldset className="fieldset">
          <legend>{t("myShareMethod")}</legend>
          <p className="field-hint">
            {t("myShare", {
              share: [
                t("myShareCredits", {
                  count: shareCredits,
                  credits: formatCredits(eligibility.employee_share_credits, language),
                }),
                amount,
              ]
                .filter(Boolean)
                .join(" / "),
            })}
          </p>
          <div className="checkbox-field">
            <input
              type="radio"
              id={`${id}-credits`}
              name={`${id}-share`}
              checked={method === "credits"}
              onChange={() => setMethod("credits")}
            />
            <label htmlFor={`${id}-credits`}>{t("myShareWithCredits")}</label>
          </div>
          {amount ? (
            <div className="checkbox-field">
              <input
                type="radio"
                id={`${id}-card`}
                name={`${id}-share`}
                checked={method === "card"}
                onChange={() => setMethod("card")}
              />
              <label htmlFor={`${id}-card`}>{t("myShareByCard", { amount })}</label>
            </div>
          ) : null}
        </fieldset>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      {cardFailed ? (
        <div className="alert alert-error" role="alert">
          <p>{cardFailed}</p>
        </div>
      ) : null}
      {working ? <Loading label={t("paying")} /> : null}
      {hasShare && method === "card" && amount ? (
        <PaymentMethodPicker
          payLabel={t("payMyShare", { amount })}
          busy={busy}
          onPay={(paymentMethod) => pay(paymentMethod)}
        />
      ) : (
        <button type="button" className="button" disabled={busy} onClick={() => void pay()}>
          {t("confirm", { employer: employerName })}
        </button>
      )}
    </div>
  );
}
