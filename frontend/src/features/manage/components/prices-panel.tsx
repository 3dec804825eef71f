import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import type { ManagedPrice, ResourceKind } from "@/lib/api/types";
import { useManagedPrices, useSavePrice, type PriceInput } from "../api/manage";
import { KindField } from "./manager-forms";

const UNITS: ManagedPrice["unit"][] = ["hour", "half_day", "day"];

/** "12,50" or "12.5" → "12.50"-style decimal string for the API (money stays a string). */
function decimalInput(value: string): string {
  return value.trim().replace(",", ".");
}

/** The API's "12.50" as a person of that language types it: « 12,50 » in French. */
function decimalShown(value: string | null | undefined, language: string): string {
  if (!value) return "";
  return language.startsWith("fr") ? value.replace(".", ",") : value;
}

type PriceFormProps = {
  spaceId: number;
  price?: ManagedPrice;
  taken: Set<string>;
};

/** One price line: public and member price (empty: members pay the public price). */
function PriceForm({ spaceId, price, taken }: PriceFormProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const save = useSavePrice(spaceId);
  const [kind, setKind] = useState<ResourceKind>(price?.resource_kind ?? "desk");
  const [unit, setUnit] = useState<ManagedPrice["unit"]>(price?.unit ?? "day");
  const [amount, setAmount] = useState(decimalShown(price?.amount, i18n.language));
  const [member, setMember] = useState(decimalShown(price?.member_amount, i18n.language));
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors : {};
  const label = price
    ? `${t(`resourceKind.${price.resource_kind}`)}, ${t(`unit.${price.unit}`)}`
    : t("manage.prices.new");

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input: PriceInput = {
      resource_kind: kind,
      unit,
      amount: decimalInput(amount),
      member_amount: decimalInput(member) === "" ? null : decimalInput(member),
    };
    save.mutate(
      { id: price?.id, input },
      {
        onSuccess: () => {
          if (!price) {
            setAmount("");
            setMember("");
          }
        },
      },
    );
  };

  return (
    <form className="stack-form price-form" onSubmit={onSubmit} noValidate aria-label={label}>
      <div className="field-row">
        {price ? (
          <p className="price-form-label">{label}</p>
        ) : (
          <>
            <KindField
              id={`${id}-kind`}
              label={t("manage.prices.kind")}
              value={kind}
              onChange={setKind}
            />
            <div className="field">
              <label htmlFor={`${id}-unit`}>{t("space.priceUnit")}</label>
              <select
                id={`${id}-unit`}
                value={unit}
                onChange={(event) => setUnit(event.target.value as ManagedPrice["unit"])}
              >
                {UNITS.map((value) => (
                  <option key={value} value={value} disabled={taken.has(`${kind}/${value}`)}>
                    {t(`unit.${value}`)}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor={`${id}-amount`}>{t("manage.prices.public")}</label>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            required
            value={amount}
            aria-invalid={fieldErrors.amount ? true : undefined}
            onChange={(event) => setAmount(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-member`}>{t("manage.prices.member")}</label>
          <input
            id={`${id}-member`}
            inputMode="decimal"
            value={member}
            aria-describedby={`${id}-member-hint`}
            aria-invalid={fieldErrors.member_amount ? true : undefined}
            onChange={(event) => setMember(event.target.value)}
          />
          <p className="field-hint" id={`${id}-member-hint`}>
            {t("manage.prices.memberHint")}
          </p>
        </div>
      </div>
      {save.error ? <ErrorAlert error={save.error} /> : null}
      {save.isSuccess ? <SuccessAlert>{t("manage.prices.saved")}</SuccessAlert> : null}
      <button
        type="submit"
        className="button button-small"
        disabled={save.isPending || !amount.trim()}
      >
        {price ? t("manage.prices.save") : t("manage.prices.add")}
        {price ? <span className="visually-hidden"> — {label}</span> : null}
      </button>
    </form>
  );
}

/** The place's prices in euros, tax included: public price and member price per unit. */
export function PricesPanel({ spaceId }: { spaceId: number }) {
  const { t } = useTranslation();
  const prices = useManagedPrices(spaceId);
  const rows = (prices.data ?? []).filter((row) => row.unit !== "month");
  const taken = new Set(rows.map((row) => `${row.resource_kind}/${row.unit}`));
  return (
    <>
      <p>{t("manage.prices.intro")}</p>
      {prices.isPending ? <Loading /> : null}
      {prices.error ? <ErrorAlert error={prices.error} /> : null}
      {prices.data && rows.length === 0 ? <p>{t("manage.prices.none")}</p> : null}
      {rows.map((price) => (
        <PriceForm key={price.id} spaceId={spaceId} price={price} taken={taken} />
      ))}
      {prices.data ? (
        <PriceForm key={`new-${rows.length}`} spaceId={spaceId} taken={taken} />
      ) : null}
    </>
  );
}
