import type { Price, Tariff } from "@/lib/api/types";
import type { ResolvedSelection } from "../selection";

/**
 * The card price of a selection from the place's public prices, as the API will quote it: the
 * day price for a day, the half-day price (or half the day price) for a morning or an
 * afternoon, the hourly price pro rata for times. Null when the place has no such price.
 */
export function cardPrice(
  prices: Price[],
  kind: string,
  selection: Pick<ResolvedSelection, "part" | "start" | "end">,
): { amount: string; currency: string } | null {
  const byUnit = new Map(prices.filter((p) => p.resource_kind === kind).map((p) => [p.unit, p]));
  const currency = (unit: string) => byUnit.get(unit as Price["unit"])?.currency || "EUR";
  const amount = (unit: string) => Number(byUnit.get(unit as Price["unit"])?.amount);
  if (selection.part === "day" && byUnit.has("day")) {
    return { amount: amount("day").toFixed(2), currency: currency("day") };
  }
  if (selection.part === "morning" || selection.part === "afternoon") {
    if (byUnit.has("half_day")) {
      return { amount: amount("half_day").toFixed(2), currency: currency("half_day") };
    }
    if (byUnit.has("day"))
      return { amount: (amount("day") / 2).toFixed(2), currency: currency("day") };
  }
  if (byUnit.has("hour")) {
    const hours = (new Date(selection.end).getTime() - new Date(selection.start).getTime()) / 3.6e6;
    return { amount: (amount("hour") * hours).toFixed(2), currency: currency("hour") };
  }
  return null;
}

/** Credits for a selection from the network's grid (null when not sold in credits). */
export function creditCost(
  tariffs: Tariff[],
  kind: string,
  selection: Pick<ResolvedSelection, "part" | "start" | "end">,
): number | null {
  const grid = new Map(
    tariffs
      .filter((row) => row.resource_kind === kind)
      .map((row) => [row.unit, Number(row.credits)]),
  );
  if (selection.part === "day" && grid.has("day")) return grid.get("day") ?? null;
  if (selection.part === "morning" || selection.part === "afternoon") {
    if (grid.has("half_day")) return grid.get("half_day") ?? null;
    if (grid.has("day")) return Math.ceil((grid.get("day") ?? 0) * 50) / 100;
  }
  if (grid.has("hour")) {
    const minutes = (new Date(selection.end).getTime() - new Date(selection.start).getTime()) / 6e4;
    return Math.ceil(((grid.get("hour") ?? 0) * minutes * 100) / 60) / 100;
  }
  return null;
}
