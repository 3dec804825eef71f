/** Texts of the employee's side of the employer bundle, in their own namespace. */
import { featureTranslator } from "@/lib/feature-i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const useEmployerPayT = featureTranslator("employerPay", fr, en);
