import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loggedInSession, managerMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

const place = {
  id: 1,
  operator: 3,
  name: "La Cantine",
  slug: "la-cantine",
  kind: "coworking",
  setting: "urban",
  commune: "31555",
  department_code: "31",
  latitude: 43.6,
  longitude: 1.44,
  timezone: "Europe/Paris",
};

const affected = {
  code: "bookings_affected",
  message: "2 réservation(s) concernée(s) / 2 booking(s) affected",
  fields: { confirmed_count: ["2"] },
  count: 2,
  bookings: [
    {
      reference: "a1",
      local_date: "2026-12-14",
      start: "2026-12-14T08:00:00Z",
      end: "2026-12-14T17:00:00Z",
      resource: "D1",
      member: "Ada Lovelace",
    },
    {
      reference: "b2",
      local_date: "2026-12-15",
      start: "2026-12-15T08:00:00Z",
      end: "2026-12-15T12:00:00Z",
      resource: "D2",
      member: "Eve Martin",
    },
  ],
};

function api(
  onClosure: (body: Record<string, unknown>) => ReturnType<typeof json>,
  handlers: Parameters<typeof mockApi>[0] = {},
) {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(managerMe),
    "GET /api/v1/me/": json(managerMe),
    "GET /api/v1/manage/spaces/": json({ count: 1, next: null, previous: null, results: [place] }),
    "GET /api/v1/manage/spaces/{space_id}/opening-hours/": json([
      { id: 1, weekday: 0, opens: "09:00:00", closes: "18:00:00" },
    ]),
    "GET /api/v1/manage/spaces/{space_id}/opening-hours/week/": json({
      hours: [{ weekday: 0, opens: "09:00:00", closes: "18:00:00" }],
      version: "w1",
    }),
    "GET /api/v1/manage/spaces/{space_id}/closures/": json([]),
    "GET /api/v1/manage/spaces/{space_id}/special-openings/": json([]),
    "GET /api/v1/manage/spaces/{space_id}/stops/": json([]),
    "GET /api/v1/manage/spaces/{space_id}/resources/": json([]),
    "POST /api/v1/manage/spaces/{space_id}/closures/": async (request) =>
      onClosure((await request.clone().json()) as Record<string, unknown>),
    ...handlers,
  });
}

describe("place calendar", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-08T09:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("shows the bookings a closure would cancel and sends it again once confirmed", async () => {
    const user = userEvent.setup();
    const mock = api((body) =>
      body.confirmed_count === 2
        ? json({ id: 9, reason: "", version: "v1", ...body }, 201)
        : json(affected, 409),
    );
    renderApp("/gestion/calendrier?space=1");

    expect(await screen.findByRole("table", { name: /Calendrier de décembre 2026/ })).toBeVisible();
    const form = screen.getByRole("form", { name: "Ajouter la fermeture" });
    await user.type(within(form).getByLabelText("Premier jour fermé"), "2026-12-14");
    await user.type(within(form).getByLabelText("Dernier jour fermé"), "2026-12-15");
    await user.click(within(form).getByRole("button", { name: "Ajouter la fermeture" }));

    const impact = await within(form).findByRole("group", { name: "2 réservations concernées" });
    expect(within(impact).getByText(/D1 — Ada Lovelace/)).toBeInTheDocument();
    expect(within(impact).getByText(/D2 — Eve Martin/)).toBeInTheDocument();
    expect(mock.calls("POST", "/api/v1/manage/spaces/1/closures/")).toHaveLength(1);

    await user.click(
      within(impact).getByRole("button", { name: "Confirmer et prévenir les 2 personnes" }),
    );

    expect(
      await within(form).findByText(
        "Enregistré ; 2 réservations annulées et les personnes prévenues.",
      ),
    ).toBeInTheDocument();
    const calls = mock.calls("POST", "/api/v1/manage/spaces/1/closures/");
    expect(calls).toHaveLength(2);
    const second = (await (calls[1] as Request).json()) as Record<string, unknown>;
    expect(second).toEqual({
      start_date: "2026-12-14",
      end_date: "2026-12-15",
      reason: "",
      confirmed_count: 2,
    });
  });

  it("changes nothing when the manager steps back", async () => {
    const user = userEvent.setup();
    const mock = api(() => json(affected, 409));
    renderApp("/gestion/calendrier?space=1");

    const form = await screen.findByRole("form", { name: "Ajouter la fermeture" });
    await user.type(within(form).getByLabelText("Premier jour fermé"), "2026-12-14");
    await user.click(within(form).getByRole("button", { name: "Ajouter la fermeture" }));
    const impact = await within(form).findByRole("group", { name: "2 réservations concernées" });
    await user.click(within(impact).getByRole("button", { name: "Ne rien changer" }));

    expect(within(form).queryByRole("group")).not.toBeInTheDocument();
    expect(mock.calls("POST", "/api/v1/manage/spaces/1/closures/")).toHaveLength(1);
  });

  it("shows the bookings shorter hours leave outside, then saves the week once confirmed", async () => {
    const user = userEvent.setup();
    const mock = api(() => json({}), {
      "PUT /api/v1/manage/spaces/{space_id}/opening-hours/week/": async (request) => {
        const body = (await request.clone().json()) as { confirmed_count?: number };
        return body.confirmed_count === 2
          ? json({ hours: [{ weekday: 0, opens: "09:00", closes: "16:00" }], version: "w2" })
          : json(affected, 409);
      },
    });
    renderApp("/gestion/calendrier?space=1");

    const form = await screen.findByRole("form", { name: "Horaires de la semaine" });
    const monday = within(form).getByRole("group", { name: "Lundi" });
    expect(within(monday).getByLabelText("Ouvert")).toBeChecked();
    expect(within(form).getByRole("group", { name: "Samedi" })).toBeInTheDocument();
    const closes = within(monday).getByLabelText("Fermeture (plage 1)");
    await user.clear(closes);
    await user.type(closes, "16:00");
    await user.click(within(form).getByRole("button", { name: "Enregistrer les horaires" }));

    const impact = await within(form).findByRole("group", { name: "2 réservations concernées" });
    await user.click(
      within(impact).getByRole("button", { name: "Confirmer et prévenir les 2 personnes" }),
    );

    expect(
      await within(form).findByText(
        "Enregistré ; 2 réservations annulées et les personnes prévenues.",
      ),
    ).toBeInTheDocument();
    const calls = mock.calls("PUT", "/api/v1/manage/spaces/1/opening-hours/week/");
    expect(calls).toHaveLength(2);
    const second = (await (calls[1] as Request).json()) as Record<string, unknown>;
    expect(second).toEqual({
      hours: [{ weekday: 0, opens: "09:00", closes: "16:00" }],
      version: "w1",
      confirmed_count: 2,
    });
  });
});
