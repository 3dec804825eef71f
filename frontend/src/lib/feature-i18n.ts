/**
 * A feature's own i18next namespace: its texts stay in the feature (locales/fr.ts, en.ts)
 * and never edit the shared locale files. `featureTranslator(ns, fr, en)` registers both and
 * returns a hook whose `t` only accepts keys present in the French texts.
 */
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import i18n from "./i18n";

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type Options = Record<string, unknown>;
type Untyped = (key: string, options?: Options) => string;

export function featureTranslator<T extends object>(namespace: string, fr: T, en: unknown) {
  i18n.addResourceBundle("fr", namespace, fr, true, true);
  i18n.addResourceBundle("en", namespace, en, true, true);
  type Translate = (key: Leaves<T>, options?: Options) => string;
  return function useFeatureT(): { t: Translate; language: string } {
    const { t, i18n: instance } = useTranslation();
    const translate = useCallback<Translate>(
      (key, options) => (t as unknown as Untyped)(key, { ...options, ns: namespace }),
      [t],
    );
    return { t: translate, language: instance.resolvedLanguage ?? instance.language };
  };
}
