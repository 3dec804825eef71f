/** The team screens' texts, in their own i18next namespace ("team"). */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const useTeamT = featureTranslator("team", fr, en);
