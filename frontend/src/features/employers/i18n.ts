/** The employer area's texts, in their own i18next namespace ("employers"). */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const useEmployersT = featureTranslator("employers", fr, en);
