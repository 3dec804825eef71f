import { Badge } from "@/components/ui/badge";
import { einvoiceTone, useEInvoiceLabel, type EInvoiceSummary } from "./labels";

/** An invoice's e-invoicing status as a badge ("Non transmise par Ostal" when null). */
export function EInvoiceStatus({ einvoice }: { einvoice: EInvoiceSummary | null | undefined }) {
  const label = useEInvoiceLabel();
  if (!einvoice) return <span className="cell-detail">{label(undefined, null)}</span>;
  const key = einvoice.lifecycle || einvoice.status || "";
  return <Badge tone={einvoiceTone(key)}>{label(einvoice.status, einvoice.lifecycle)}</Badge>;
}
