import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { anonymousSession, searchResult } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

function api() {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": anonymousSession,
    "GET /api/v1/availability/": json({
      date: "2026-11-27",
      date_to: "2026-11-27",
      resource_kind: "desk",
      attendees: 1,
      count: 1,
      results: [searchResult],
    }),
    "GET /api/v1/directory/communes/": json([
      {
        insee_code: "31555",
        name: "Toulouse",
        department_code: "31",
        latitude: 43.6,
        longitude: 1.44,
      },
    ]),
  });
}

describe("Réserver search", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // 23:30 in Paris on the 26th: "tomorrow" is the 27th there (UTC is still the 26th).
    vi.setSystemTime(new Date("2026-11-26T22:30:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("searches tomorrow by default and lists free desks per part of the day", async () => {
    const mock = api();
    renderApp("/reserver");
    expect(await screen.findByText("1 lieu le vendredi 27 novembre 2026")).toBeInTheDocument();
    const [call] = mock.calls("GET", "/api/v1/availability/");
    const query = new URL((call as Request).url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      date: "2026-11-27",
      kind: "desk",
      available_only: "true",
      part: "day",
    });
    expect(screen.getByLabelText("Date")).toHaveValue("2026-11-27");
    const card = screen.getByRole("article", { name: "La Cantine" });
    expect(card).toHaveTextContent("Journée : 3 postes libres");
    expect(card).toHaveTextContent("Matin : 4 postes libres");
    expect(card).toHaveTextContent("Après-midi : Complet");
    // The prices, to compare places before opening one (issue 16, item 8).
    expect(card).toHaveTextContent("Prix public : 12,50 € la journée · 7,50 € la demi-journée");
    expect(within(card).getByRole("link", { name: "La Cantine" })).toHaveAttribute(
      "href",
      "/lieux/la-cantine-toulouse/reserver?date=2026-11-27&part=day",
    );
  });

  it("writes the search to the URL with the API's names, near a commune", async () => {
    const user = userEvent.setup();
    const mock = api();
    const { router } = renderApp("/reserver");
    await screen.findByText("1 lieu le vendredi 27 novembre 2026");

    await user.selectOptions(screen.getByLabelText("Je cherche"), "meeting_room");
    await user.clear(screen.getByLabelText("Nombre de personnes"));
    await user.type(screen.getByLabelText("Nombre de personnes"), "6");
    await user.type(screen.getByLabelText("Début"), "10:00");
    await user.type(screen.getByLabelText("Fin"), "12:00");
    await user.type(screen.getByRole("combobox", { name: "Près d’une commune" }), "Toul");
    await user.click(await screen.findByRole("option", { name: "Toulouse (31)" }));
    await user.selectOptions(screen.getByLabelText("Rayon"), "10");
    await user.click(screen.getByRole("button", { name: "Rechercher" }));

    expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
      date: "2026-11-27",
      kind: "meeting_room",
      attendees: "6",
      start_time: "10:00",
      end_time: "12:00",
      near_commune: "31555",
      near_label: "Toulouse",
      radius_km: "10",
    });
    const last = mock.calls("GET", "/api/v1/availability/").at(-1) as Request;
    expect(Object.fromEntries(new URL(last.url).searchParams)).toEqual({
      date: "2026-11-27",
      kind: "meeting_room",
      attendees: "6",
      available_only: "true",
      start_time: "10:00",
      end_time: "12:00",
      near_commune: "31555",
      radius_km: "10",
    });
  });
});
