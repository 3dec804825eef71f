/** Texts of "Rejoindre le réseau" and of the network's pipeline (namespace "joining"). */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const useJoiningT = featureTranslator("joining", fr, en);
