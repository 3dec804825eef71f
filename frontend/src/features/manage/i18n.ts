/** The place setup's texts, in their own i18next namespace ("placeSetup"). */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const usePlaceSetupT = featureTranslator("placeSetup", fr, en);
