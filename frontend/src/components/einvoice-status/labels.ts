import type { components } from "@/lib/api/schema";
import { featureTranslator } from "@/lib/feature-i18n";
import { en, fr } from "./texts";

export type EInvoiceSummary = components["schemas"]["EInvoiceSummaryOutput"];
export type Lifecycle = components["schemas"]["EInvoiceLifecycleEnum"];
export type TransmissionStatus = components["schemas"]["EInvoiceStatusEnum"];

export const useEInvoiceStatusT = featureTranslator("einvoiceStatus", fr, en);

/** Statuses that need someone's attention (disputed, suspended, refused by the buyer,
 * rejected by the platform, or never transmitted). */
const ATTENTION = new Set<string>(["207", "208", "210", "213", "failed"]);
const SETTLED = new Set<string>(["205", "209", "211", "212"]);

export function einvoiceTone(key: string): "accent" | "success" | "info" {
  return ATTENTION.has(key) ? "accent" : SETTLED.has(key) ? "success" : "info";
}

/** The words of a status: the platform's latest lifecycle status, else the transmission's. */
export function useEInvoiceLabel() {
  const { t } = useEInvoiceStatusT();
  return (
    status: TransmissionStatus | undefined,
    lifecycle: Lifecycle | "" | null | undefined,
  ): string => (lifecycle ? t(`lifecycle.${lifecycle}`) : t(status ?? "none"));
}
