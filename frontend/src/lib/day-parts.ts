import type { DayPart } from "@/lib/api/types";

/** The parts of a day a place sells desks by (the API's `part` values, day first). */
export const DAY_PARTS: readonly DayPart[] = ["day", "morning", "afternoon"];
