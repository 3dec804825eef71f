import { describe, expect, it } from "vitest";
import i18n from "@/lib/i18n";
import { booking } from "@/testing/booking-fixtures";
import { bookingWhere } from "./where";

const marvejols = {
  commune: { insee_code: "48092", name: "Marvejols", department_code: "48" as const },
  location_note: "Place du Foirail",
  latitude: 44.55,
  longitude: 3.29,
};

describe("where a booking takes the member", () => {
  const t = i18n.getFixedT("fr");

  it("a fixed place: its town and address", () => {
    expect(bookingWhere(booking(), t)).toBe("Toulouse, 27 rue d’Aubuisson");
  });

  it("an itinerant place: that day's stop, not its home town", () => {
    expect(bookingWhere(booking({ stop: marvejols }), t)).toBe(
      "Étape : Marvejols, Place du Foirail",
    );
    expect(bookingWhere(booking({ stop: { ...marvejols, location_note: "" } }), t)).toBe(
      "Étape : Marvejols",
    );
  });
});
