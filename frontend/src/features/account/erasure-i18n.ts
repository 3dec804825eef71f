/** « Supprimer mon compte »: its texts in their own i18next namespace ("accountErasure"). */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales-erasure/en";
import fr from "./locales-erasure/fr";

export const useErasureT = featureTranslator("accountErasure", fr, en);
