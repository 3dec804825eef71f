/** Texts of the territorial coverage page (namespace "coverage"). */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const useCoverageT = featureTranslator("coverage", fr, en);
