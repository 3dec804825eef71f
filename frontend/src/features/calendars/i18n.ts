/** The calendars' texts, in their own i18next namespace ("calendars"). */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const useCalendarsT = featureTranslator("calendars", fr, en);
