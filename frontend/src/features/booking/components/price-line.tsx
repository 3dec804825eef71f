import { useTranslation } from "react-i18next";
import { formatMoney } from "@/lib/format";

export type UnitPrice = {
  unit: "hour" | "half_day" | "day" | "month";
  amount: string;
  currency?: string;
};

/** A place's public prices for one kind, e.g. « 12,50 € la journée · 8,00 € la demi-journée »
 * (nothing when the place has set none). */
export function PriceLine({ prices, className }: { prices: UnitPrice[]; className?: string }) {
  const { t, i18n } = useTranslation();
  const shown = prices.filter((price) => price.unit !== "month");
  if (!shown.length) return null;
  return (
    <p className={className ?? "result-prices"}>
      {t("booking.pricesLabel")}{" "}
      {shown
        .map(
          (price) =>
            `${formatMoney(price.amount, price.currency || "EUR", i18n.language)} ${t(`unit.${price.unit}`)}`,
        )
        .join(" · ")}
    </p>
  );
}
