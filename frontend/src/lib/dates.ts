/**
 * Calendar dates ("2026-11-27") and wall-clock times in a given IANA time zone. Everything a
 * member sees about a booking is in the place's time zone, never the browser's: these helpers
 * take the zone explicitly and only use Intl (no dependency on the device's settings).
 */

/** The network's time zone: the default when no place is involved (wallet, invoices). */
export const NETWORK_TIME_ZONE = "Europe/Paris";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string | null | undefined): value is string {
  return typeof value === "string" && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
}

/** The civil date it is now (or at `instant`) in `timeZone`, as "YYYY-MM-DD". */
export function todayIn(timeZone: string, instant: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

/** `date` plus `days` calendar days (pure date arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Day of the week of a calendar date, 0 = Monday … 6 = Sunday (the API's convention). */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The Monday of the week holding `date`. */
export function startOfWeek(date: string): string {
  return addDays(date, -isoWeekday(date));
}

/** The first day of the month holding `date`. */
export function startOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/** The last day of the month holding `date`. */
export function endOfMonth(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Paris in summer: +120). */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour") % 24,
    get("minute"),
    get("second"),
  );
  return Math.round((asUtc - instant) / 60_000);
}

/**
 * The UTC instant (ISO 8601) of a wall-clock `time` ("HH:MM") on `date` in `timeZone`:
 * "2026-03-29" "09:00" "Europe/Paris" → "2026-03-29T07:00:00.000Z".
 */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let instant = wall - offsetMinutes(wall, timeZone) * 60_000;
  // Near a DST change the offset at the guessed instant may differ: correct once.
  instant = wall - offsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}
