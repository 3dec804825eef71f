import { describe, expect, it } from "vitest";
import { localizedMessage } from "./errors";

describe("API messages in the current language", () => {
  it("keeps the French or the English half of a “FR / EN” message", () => {
    const message = "Le lieu est fermé ce jour-là. / The place is closed on that day.";
    expect(localizedMessage(message, "fr")).toBe("Le lieu est fermé ce jour-là.");
    expect(localizedMessage(message, "en")).toBe("The place is closed on that day.");
  });

  it("splits messages whose halves hold a slash themselves", () => {
    const message = "« part » ou start_time/end_time requis / part or times required.";
    expect(localizedMessage(message, "en")).toBe("part or times required.");
    expect(localizedMessage("A / B / C / D", "en")).toBe("C / D");
  });

  it("shows the whole message when it is not split in two halves", () => {
    expect(localizedMessage("Invalid input.", "fr")).toBe("Invalid input.");
    expect(localizedMessage("un / deux / trois", "en")).toBe("un / deux / trois");
  });
});
