/** The audit trail's texts, in their own i18next namespace ("audit"). */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const useAuditT = featureTranslator("audit", fr, en);
