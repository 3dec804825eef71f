import { describe, expect, it } from "vitest";
import { addDays, endOfMonth, isoWeekday, startOfWeek, todayIn, zonedTimeToUtc } from "./dates";
import { formatCredits, formatInstant, formatInstantDate, formatInstantTime } from "./format";

describe("times in the place's time zone", () => {
  it("shows 09:00 for 07:00Z on the day summer time starts in Paris", () => {
    expect(formatInstantTime("2026-03-29T07:00:00Z", "Europe/Paris", "fr")).toBe("09:00");
    // The evening before, Paris was still at UTC+1.
    expect(formatInstantTime("2026-03-28T07:00:00Z", "Europe/Paris", "fr")).toBe("08:00");
    // And the same instant elsewhere is shown in that place's zone, not the browser's.
    expect(formatInstantTime("2026-03-29T07:00:00Z", "America/Cayenne", "fr")).toBe("04:00");
  });

  it("shows the civil date of the place, even when UTC is already the next day", () => {
    expect(formatInstantDate("2026-10-24T22:30:00Z", "Europe/Paris", "fr")).toBe(
      "dimanche 25 octobre 2026",
    );
    expect(formatInstant("2026-10-25T08:00:00Z", "Europe/Paris", "en")).toBe(
      "25 October 2026, 09:00",
    );
  });

  it("converts a wall-clock time of the place to UTC across the DST change", () => {
    expect(zonedTimeToUtc("2026-03-29", "09:00", "Europe/Paris")).toBe("2026-03-29T07:00:00.000Z");
    expect(zonedTimeToUtc("2026-03-28", "09:00", "Europe/Paris")).toBe("2026-03-28T08:00:00.000Z");
    expect(zonedTimeToUtc("2026-10-25", "09:00", "Europe/Paris")).toBe("2026-10-25T08:00:00.000Z");
  });

  it("knows today's date in a zone and does calendar arithmetic", () => {
    const lateEvening = new Date("2026-11-26T23:30:00Z");
    expect(todayIn("Europe/Paris", lateEvening)).toBe("2026-11-27");
    expect(todayIn("UTC", lateEvening)).toBe("2026-11-26");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(isoWeekday("2026-11-30")).toBe(0);
    expect(startOfWeek("2026-11-29")).toBe("2026-11-23");
    expect(endOfMonth("2028-02-10")).toBe("2028-02-29");
  });

  it("formats credits without useless decimals", () => {
    expect(formatCredits("10.00", "fr")).toBe("10");
    expect(formatCredits("1.50", "fr")).toBe("1,5");
  });
});
