/** The e-invoicing screens' texts, in their own i18next namespace ("einvoicing"). */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const useEInvoicingT = featureTranslator("einvoicing", fr, en);
