import { useId, useState, type FormEvent } from "react";
import { completePayment } from "@/components/payments/api";
import { PaymentMethodPicker } from "@/components/payments/payment-method-picker";
import { Badge } from "@/components/ui/badge";
import { FormField } from "@/components/ui/form-field";
import { NumberInput } from "@/components/ui/number-input";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import { formatCredits, formatInstantDate, formatMoney } from "@/lib/format";
import { createOrder, useBundle, useNetworkCarnets, useRefreshEmployer } from "../api/employers";
import type { BundleOrder, Employer, OrderMethod, OrderStatus, Plan } from "../api/types";
import { useEmployersT } from "../i18n";
import { QueryState, Section } from "./common";
import { useFieldErrors } from "../field-errors";

const STATUS_TONE: Record<OrderStatus, "neutral" | "accent" | "info" | "success"> = {
  pending: "info",
  granted: "accent",
  paid: "success",
  failed: "neutral",
};

function OrdersTable({ orders }: { orders: BundleOrder[] }) {
  const { t, language } = useEmployersT();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t("bundle.orders")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("bundle.orderDate")}</th>
            <th scope="col">{t("bundle.offer")}</th>
            <th scope="col" className="numeric">
              {t("bundle.credits")}
            </th>
            <th scope="col" className="numeric">
              {t("bundle.amount")}
            </th>
            <th scope="col">{t("bundle.method")}</th>
            <th scope="col">{t("bundle.status")}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.reference}>
              <td>{formatInstantDate(order.created_at, "Europe/Paris", language, "medium")}</td>
              <th scope="row">
                {order.plan_name} × {order.quantity ?? 1}
                {order.purchase_order ? (
                  <span className="cell-detail">
                    {t("bundle.purchaseOrderShort", { reference: order.purchase_order })}
                  </span>
                ) : null}
              </th>
              <td className="numeric">{formatCredits(order.credits, language)}</td>
              <td className="numeric">
                {formatMoney(order.amount, order.currency ?? "EUR", language)}
              </td>
              <td>{t(`bundle.methods.${order.method}`)}</td>
              <td>
                <Badge tone={STATUS_TONE[order.status ?? "pending"]}>
                  {t(`bundle.statuses.${order.status ?? "pending"}`)}
                </Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Outcome = { ok: true; message: string } | { ok: false; error: unknown };

/** Buy network credits: a carnet plan × quantity, by card now or on invoice (transfer). */
function BuyForm({ employer, plans }: { employer: Employer; plans: Plan[] }) {
  const { t, language } = useEmployersT();
  const id = useId();
  const refresh = useRefreshEmployer(employer.id);
  const [planId, setPlanId] = useState<number>(plans[0]?.id ?? 0);
  const [quantity, setQuantity] = useState(1);
  const [method, setMethod] = useState<OrderMethod>("card");
  const [purchaseOrder, setPurchaseOrder] = useState("");
  const [serviceCode, setServiceCode] = useState(employer.chorus_service_code ?? "");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const errors = useFieldErrors(outcome && !outcome.ok ? outcome.error : null);
  const plan = plans.find((candidate) => candidate.id === planId) ?? plans[0];
  if (!plan) return <p>{t("bundle.noOffers")}</p>;

  // Display only: the API computes the amount (decimal strings, never JS arithmetic on money).
  const unit = formatMoney(plan.price, plan.currency ?? "EUR", language);
  const credits = plan.credits ?? "0";

  const order = async (paymentMethod?: string) => {
    setBusy(true);
    setOutcome(null);
    try {
      const result = await createOrder(employer.id, {
        plan: plan.id,
        quantity,
        method,
        purchase_order: purchaseOrder.trim(),
        service_code: serviceCode.trim(),
        payment_method: paymentMethod,
      });
      if (result.payment) {
        const payment = await completePayment(result.payment, language);
        if (payment.status === "failed") {
          setOutcome({ ok: false, error: new Error(payment.failure_message || "failed") });
          return;
        }
      }
      setOutcome({
        ok: true,
        message:
          method === "card"
            ? t("bundle.boughtByCard", { credits: formatCredits(result.order.credits, language) })
            : t("bundle.boughtOnInvoice", {
                credits: formatCredits(result.order.credits, language),
              }),
      });
      setQuantity(1);
      setPurchaseOrder("");
    } catch (error) {
      setOutcome({ ok: false, error });
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const onTransfer = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void order();
  };

  const poRequired = employer.kind === "public_body" || employer.chorus_engagement_required;
  const poErrors = errors.purchase_order ?? [];
  // Chorus Pro: public buyers address their invoices to a service (BT-10).
  const chorus = employer.kind === "public_body" || employer.chorus_service_code_required;
  const serviceRequired = employer.chorus_service_code_required === true;
  const serviceErrors = errors.service_code ?? [];
  return (
    <div className="buy-form">
      <div className="field">
        <label htmlFor={`${id}-plan`}>{t("bundle.offer")}</label>
        <select
          id={`${id}-plan`}
          value={plan.id}
          onChange={(event) => setPlanId(Number(event.target.value))}
        >
          {plans.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {t("bundle.planOption", {
                name: candidate.name,
                credits: formatCredits(candidate.credits ?? "0", language),
                price: formatMoney(candidate.price, candidate.currency ?? "EUR", language),
              })}
            </option>
          ))}
        </select>
        <p className="field-hint">
          {t("bundle.planHint", { days: plan.validity_days ?? 365, seller: plan.seller_name })}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-qty`}>{t("bundle.quantity")}</label>
        <NumberInput
          id={`${id}-qty`}
          min={1}
          max={100}
          value={quantity}
          onValue={setQuantity}
          aria-describedby={`${id}-qty-hint`}
        />
        <p className="field-hint" id={`${id}-qty-hint`}>
          {t("bundle.quantityHint", {
            count: quantity,
            unit,
            credits: formatCredits(credits, language),
          })}
        </p>
      </div>
      <fieldset className="fieldset">
        <legend>{t("bundle.method")}</legend>
        {(["card", "transfer"] as const).map((value) => (
          <div key={value} className="checkbox-field">
            <input
              type="radio"
              id={`${id}-${value}`}
              name={`${id}-method`}
              checked={method === value}
              aria-describedby={`${id}-${value}-hint`}
              onChange={() => setMethod(value)}
            />
            <label htmlFor={`${id}-${value}`}>{t(`bundle.methods.${value}`)}</label>
            <p className="field-hint" id={`${id}-${value}-hint`}>
              {t(`bundle.methodHints.${value}`)}
            </p>
          </div>
        ))}
      </fieldset>
      <FormField
        label={t("bundle.purchaseOrder") + (poRequired ? " *" : "")}
        hint={poRequired ? t("bundle.purchaseOrderRequired") : t("bundle.purchaseOrderHint")}
        maxLength={60}
        value={purchaseOrder}
        errors={poErrors}
        onChange={(event) => setPurchaseOrder(event.target.value)}
      />
      {chorus ? (
        <FormField
          label={t("bundle.serviceCode") + (serviceRequired ? " *" : "")}
          hint={t("bundle.serviceCodeHint")}
          maxLength={100}
          value={serviceCode}
          errors={serviceErrors}
          onChange={(event) => setServiceCode(event.target.value)}
        />
      ) : null}
      {outcome?.ok ? <SuccessAlert>{outcome.message}</SuccessAlert> : null}
      {outcome && !outcome.ok && !poErrors.length && !serviceErrors.length ? (
        <ErrorAlert error={outcome.error} />
      ) : null}
      {method === "card" ? (
        <PaymentMethodPicker
          payLabel={t("bundle.payByCard", {
            credits: formatCredits(credits, language),
            count: quantity,
          })}
          busy={busy}
          onPay={(paymentMethod) => order(paymentMethod)}
        />
      ) : (
        <form onSubmit={onTransfer} noValidate>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("common.saving") : t("bundle.orderOnInvoice")}
          </button>
        </form>
      )}
    </div>
  );
}

/** "Forfait": the company's credit pool, its lots, the orders, and buying more. */
export function BundleSection({ employer }: { employer: Employer }) {
  const { t, language } = useEmployersT();
  const bundle = useBundle(employer.id);
  const plans = useNetworkCarnets();
  const data = bundle.data;
  return (
    <>
      <Section title={t("bundle.pool")} level={3} intro={t("bundle.poolIntro")}>
        <QueryState query={bundle} />
        {data ? (
          <>
            <p className="wallet-total" role="status">
              {t("bundle.balance", {
                count: Number(data.credits),
                credits: formatCredits(data.credits, language),
              })}
            </p>
            {data.lots.length ? (
              <div className="table-scroll">
                <table className="data-table">
                  <caption>{t("bundle.lots")}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="numeric">
                        {t("bundle.lotLeft")}
                      </th>
                      <th scope="col">{t("bundle.expires")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.lots.map((lot, index) => (
                      <tr key={`${lot.expires_at}-${index}`}>
                        <td className="numeric">
                          {t("bundle.lotOf", {
                            left: formatCredits(lot.credits, language),
                            granted: formatCredits(lot.granted, language),
                          })}
                        </td>
                        <td>
                          {formatInstantDate(lot.expires_at, "Europe/Paris", language, "medium")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>{t("bundle.noLots")}</p>
            )}
          </>
        ) : null}
      </Section>
      <Section title={t("bundle.buy")} level={3} intro={t("bundle.buyIntro")}>
        <QueryState query={plans} />
        {plans.data ? <BuyForm employer={employer} plans={plans.data} /> : null}
      </Section>
      <Section title={t("bundle.orders")} level={3}>
        {data?.orders.length ? <OrdersTable orders={data.orders} /> : null}
        {data && !data.orders.length ? <p>{t("bundle.noOrders")}</p> : null}
      </Section>
    </>
  );
}
