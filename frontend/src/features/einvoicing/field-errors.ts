import { ApiError, localizedMessage } from "@/lib/api/errors";
import { useEInvoicingT } from "./i18n";

/** The API's field errors of a failed form, in the UI language ({} when none). */
export function useFieldErrors(error: unknown): Record<string, string[]> {
  const { language } = useEInvoicingT();
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(error.fieldErrors)) {
    out[field] = messages.map((message) => localizedMessage(message, language));
  }
  return out;
}
