import { intlLocale } from "@/lib/i18n";

/** Formats a decimal-string amount for display only (never used for arithmetic). */
export function formatMoney(amount: string, currency: string, language: string): string {
  const formatter = new Intl.NumberFormat(intlLocale(language), { style: "currency", currency });
  // Intl accepts a decimal string and keeps its exact value.
  return formatter.format(amount as Intl.StringNumericLiteral);
}

export function formatDistance(km: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language), {
    style: "unit",
    unit: "kilometer",
    maximumFractionDigits: km < 10 ? 1 : 0,
  }).format(km);
}

/** "09:00:00" → "09:00": shown as given, in the place's local time. */
export function formatTime(time: string): string {
  return time.slice(0, 5);
}

/**
 * Formats a calendar date ("2026-12-01") in the given time zone. Midday UTC is the same civil
 * date in every European time zone, so the date never shifts.
 */
export function formatDate(
  date: string,
  language: string,
  timeZone = "Europe/Paris",
  style: "long" | "medium" = "long",
): string {
  const instant = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) return date;
  const options: Intl.DateTimeFormatOptions =
    style === "long"
      ? { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone }
      : { day: "numeric", month: "long", year: "numeric", timeZone };
  return new Intl.DateTimeFormat(intlLocale(language), options).format(instant);
}

/** Localised weekday name, 0 = Monday (ISO order, as the API sends it). */
export function weekdayName(weekday: number, language: string): string {
  // 2024-01-01 was a Monday.
  const instant = new Date(Date.UTC(2024, 0, 1 + weekday, 12));
  return new Intl.DateTimeFormat(intlLocale(language), { weekday: "long", timeZone: "UTC" }).format(
    instant,
  );
}

export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/**
 * Wall-clock time ("09:00") of an instant in the given time zone: a booking starting at
 * 2026-03-29T07:00:00Z shows 09:00 in Europe/Paris (summer time began that night), whatever
 * the browser's own zone.
 */
export function formatInstantTime(instant: string, timeZone: string, language: string): string {
  const value = new Date(instant);
  if (Number.isNaN(value.getTime())) return instant;
  return new Intl.DateTimeFormat(intlLocale(language), {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(value);
}

/** Civil date of an instant in the given time zone ("vendredi 27 novembre 2026"). */
export function formatInstantDate(
  instant: string,
  timeZone: string,
  language: string,
  style: "long" | "medium" | "short" = "long",
): string {
  const value = new Date(instant);
  if (Number.isNaN(value.getTime())) return instant;
  const options: Intl.DateTimeFormatOptions =
    style === "long"
      ? { weekday: "long", day: "numeric", month: "long", year: "numeric" }
      : style === "medium"
        ? { day: "numeric", month: "long", year: "numeric" }
        : { day: "2-digit", month: "2-digit", year: "numeric" };
  return new Intl.DateTimeFormat(intlLocale(language), { ...options, timeZone }).format(value);
}

/** Date and time of an instant in the given time zone ("27 novembre 2026, 09:00"). */
export function formatInstant(instant: string, timeZone: string, language: string): string {
  return `${formatInstantDate(instant, timeZone, language, "medium")}, ${formatInstantTime(
    instant,
    timeZone,
    language,
  )}`;
}

/** A short weekday and day ("ven. 27 nov.") of a calendar date. */
export function formatShortDate(date: string, language: string): string {
  const instant = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) return date;
  return new Intl.DateTimeFormat(intlLocale(language), {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(instant);
}

/** Credits as a number with at most two decimals ("10", "1,5"). */
export function formatCredits(credits: string, language: string): string {
  return new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 2 }).format(
    credits as Intl.StringNumericLiteral,
  );
}
