/** The privacy page's texts, in their own i18next namespace ("privacy"). */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const usePrivacyT = featureTranslator("privacy", fr, en);
