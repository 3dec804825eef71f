/** The network review's texts, in their own i18next namespace ("networkAdmin"). */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const useNetworkAdminT = featureTranslator("networkAdmin", fr, en);
