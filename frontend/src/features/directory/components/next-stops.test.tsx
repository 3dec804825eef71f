import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ItineraryStop } from "@/lib/api/types";
import { truckDetail } from "@/testing/fixtures";
import { NextStops, STOPS_SHOWN_FIRST } from "./next-stops";

const [tuesday, monday] = truckDetail.upcoming_stops as [ItineraryStop, ItineraryStop];

/** Three weeks of a Monday/Tuesday tour: 6 stops in two villages. */
function tour(weeks: number): ItineraryStop[] {
  const stops: ItineraryStop[] = [];
  for (let week = 0; week < weeks; week++) {
    const day = (offset: number) =>
      new Date(Date.UTC(2026, 11, 7 + week * 7 + offset)).toISOString().slice(0, 10);
    stops.push({ ...monday, date: day(0) }, { ...tuesday, date: day(1) });
  }
  return stops;
}

describe("NextStops", () => {
  it("lists the first stops, then all of them on demand", async () => {
    const user = userEvent.setup();
    const stops = tour(8);
    render(<NextStops stops={stops} timeZone="Europe/Paris" />);

    const section = screen.getByRole("region", { name: "Prochaines étapes" });
    const list = within(section).getAllByRole("list")[0] as HTMLElement;
    expect(within(list).getAllByRole("listitem")).toHaveLength(STOPS_SHOWN_FIRST);

    const more = screen.getByRole("button", { name: "Afficher les 16 étapes" });
    expect(more).toHaveAttribute("aria-expanded", "false");
    await user.click(more);
    expect(within(list).getAllByRole("listitem")).toHaveLength(16);
    expect(screen.getByRole("button", { name: "Afficher moins d’étapes" })).toHaveAttribute(
      "aria-expanded",
      "true",
    );
  });

  it("puts one marker per village on the map, named with its next date", async () => {
    render(<NextStops stops={tour(3)} timeZone="Europe/Paris" />);
    expect(
      await screen.findByTitle("Marvejols, prochaine étape le 7 décembre 2026"),
    ).toBeInTheDocument();
    expect(
      screen.getByTitle("Florac Trois Rivières, prochaine étape le 8 décembre 2026"),
    ).toBeInTheDocument();
    expect(document.querySelectorAll(".leaflet-marker-icon")).toHaveLength(2);
  });

  it("says when no stop is planned", () => {
    render(<NextStops stops={[]} timeZone="Europe/Paris" />);
    expect(screen.getByRole("heading", { name: "Prochaines étapes" })).toBeInTheDocument();
    expect(screen.getByText("Aucune étape programmée pour le moment.")).toBeInTheDocument();
  });
});
