import type { Service } from "@/lib/api/types";

/** Text in the current language, falling back to French when the English one is empty. */
export function localized(
  fr: string | null | undefined,
  en: string | null | undefined,
  language: string,
) {
  if (language === "en" && en) return en;
  return fr ?? en ?? "";
}

export function serviceName(service: Service, language: string): string {
  return localized(service.name_fr, service.name_en, language);
}
