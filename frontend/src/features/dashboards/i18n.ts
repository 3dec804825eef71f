/**
 * The dashboards' texts live in their own i18next namespace ("dashboards"), registered here,
 * so this feature never edits the shared locale files. `useDashboardsT()` gives a `t` whose
 * keys are checked against locales/fr.ts.
 */
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import i18n from "@/lib/i18n";
import en from "./locales/en";
import fr from "./locales/fr";

export const NAMESPACE = "dashboards";

i18n.addResourceBundle("fr", NAMESPACE, fr, true, true);
i18n.addResourceBundle("en", NAMESPACE, en, true, true);

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type DashboardsKey = Leaves<typeof fr>;
type Translate = (key: DashboardsKey, options?: Record<string, unknown>) => string;
type Untyped = (key: string, options?: Record<string, unknown>) => string;

export function useDashboardsT(): { t: Translate; language: string } {
  const { t, i18n: instance } = useTranslation();
  const translate = useCallback<Translate>(
    (key, options) => (t as unknown as Untyped)(key, { ...options, ns: NAMESPACE }),
    [t],
  );
  return { t: translate, language: instance.resolvedLanguage ?? instance.language };
}
