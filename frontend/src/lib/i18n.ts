import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "@/locales/en";
import fr from "@/locales/fr";
import { frenchAt, frenchOf } from "./french";

export const LANGUAGES = ["fr", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "fr";
export const LANGUAGE_STORAGE_KEY = "ostal.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export function readStoredLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): French is the default.
  }
  return DEFAULT_LANGUAGE;
}

function persistLanguage(language: string): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisted: the choice still holds for this visit.
  }
}

function reflectLanguage(language: string): void {
  if (typeof document !== "undefined") document.documentElement.lang = language;
}

/** The current UI language, narrowed to the supported ones. */
export function currentLanguage(): Language {
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
}

/** BCP 47 locale used for Intl formatting of the current language. */
export function intlLocale(language: string): string {
  return language === "en" ? "en-GB" : "fr-FR";
}

i18n.on("languageChanged", (language) => {
  persistLanguage(language);
  reflectLanguage(language);
});

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: readStoredLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
reflectLanguage(i18n.language);
// French strings write « Réserver {{name, at}} », « la fiche {{name, of}} »: « au Camion »,
// « du Centre », never « à Le Camion » (issue 16).
i18n.services.formatter?.add("at", (value: string) => frenchAt(value));
i18n.services.formatter?.add("of", (value: string) => frenchOf(value));

export default i18n;
