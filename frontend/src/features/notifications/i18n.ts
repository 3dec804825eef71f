/** The notification settings' texts, in their own i18next namespace ("notifications"). */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const useNotificationsT = featureTranslator("notifications", fr, en);
