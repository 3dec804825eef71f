import { intlLocale } from "@/lib/i18n";

/** 0.4375 → "43,8 %"; null (nothing to divide by) → "—". */
export function formatRate(rate: number | null | undefined, language: string): string {
  if (rate === null || rate === undefined) return "—";
  return new Intl.NumberFormat(intlLocale(language), {
    style: "percent",
    maximumFractionDigits: 1,
  }).format(rate);
}

/** Minutes → hours with one decimal ("12,5"). */
export function formatHours(minutes: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 1 }).format(
    minutes / 60,
  );
}

export function formatNumber(value: number | string, language: string, digits = 0): string {
  const number = typeof value === "string" ? Number(value) : value;
  return new Intl.NumberFormat(intlLocale(language), {
    maximumFractionDigits: digits,
  }).format(number);
}

/** "2026-03-01" → "1 mars 2026" style short date (calendar date, never shifted). */
export function formatDay(date: string, language: string): string {
  const instant = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) return date;
  return new Intl.DateTimeFormat(intlLocale(language), {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(instant);
}

/** Weekday 0 = Monday → short localised name. */
export function weekdayShort(weekday: number, language: string): string {
  const instant = new Date(Date.UTC(2024, 0, 1 + weekday, 12));
  return new Intl.DateTimeFormat(intlLocale(language), {
    weekday: "short",
    timeZone: "UTC",
  }).format(instant);
}

/** First and last day of a "YYYY-MM" month. */
export function monthBounds(month: string): { from: string; to: string } {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}
