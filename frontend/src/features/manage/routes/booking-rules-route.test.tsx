import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { loggedInSession, managerMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import type { BookingRules, DefaultRules } from "../api/booking-rules";

const space = {
  id: 1,
  name: "La Cantine",
  slug: "la-cantine-toulouse",
  kind: "coworking",
  timezone: "Europe/Paris",
};

const deskDefaults: DefaultRules = {
  resource_kind: "desk",
  sale_unit: "half_day",
  min_duration_minutes: null,
  max_duration_minutes: null,
  min_notice_minutes: 0,
  max_advance_days: 90,
  cancellation_deadline_minutes: 60,
  no_show_grace_minutes: 60,
  max_active_bookings_per_member: 30,
  max_bookings_per_member_per_day: 1,
  requires_payment: false,
  hold_minutes: 15,
  waitlist_offer_minutes: 60,
};
const roomDefaults: DefaultRules = {
  ...deskDefaults,
  resource_kind: "meeting_room",
  sale_unit: "hour",
  min_duration_minutes: 60,
  max_duration_minutes: 600,
};

function api(rows: BookingRules[], handlers: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(managerMe),
    "GET /api/v1/me/": json(managerMe),
    "GET /api/v1/manage/spaces/": json({ count: 1, next: null, previous: null, results: [space] }),
    "GET /api/v1/manage/spaces/{space_id}/resources/": json([
      { id: 1, kind: "desk", name: "Poste 1", capacity: 1, is_active: true, version: "r1" },
      { id: 2, kind: "meeting_room", name: "Salle", capacity: 8, is_active: true, version: "r2" },
    ]),
    "GET /api/v1/manage/spaces/{space_id}/booking-policies/": json(rows),
    "GET /api/v1/manage/spaces/{space_id}/booking-policies/defaults/": json([
      deskDefaults,
      roomDefaults,
    ]),
    "GET /api/v1/manage/spaces/{space_id}/prices/": json([]),
    ...handlers,
  });
}

describe("booking rules", () => {
  it("starts from the network's rules and saves the place's own", async () => {
    const user = userEvent.setup();
    const mock = api([], {
      "POST /api/v1/manage/spaces/{space_id}/booking-policies/": async (request) =>
        json({ ...(await request.clone().json()), id: 9, version: "v1" }, 201),
    });
    renderApp("/gestion/regles?space=1");

    const desk = await screen.findByRole("form", { name: "Poste de travail" });
    expect(screen.getByRole("form", { name: "Salle de réunion" })).toBeInTheDocument();
    expect(within(desk).getByText(/Règles du réseau \(par défaut\)/)).toBeVisible();
    const notice = within(desk).getByLabelText("Préavis minimum (minutes)");
    expect(notice).toHaveValue(0);
    await user.clear(notice);
    await user.type(notice, "1440");
    expect(within(desk).getByText(/= 1 j/)).toBeInTheDocument();
    const perDay = within(desk).getByLabelText("Réservations par membre et par jour");
    await user.clear(perDay);
    await user.click(
      within(desk).getByRole("button", { name: "Enregistrer les règles : Poste de travail" }),
    );

    expect(await within(desk).findByText(/Règles enregistrées/)).toBeInTheDocument();
    const [request] = mock.calls("POST", "/api/v1/manage/spaces/1/booking-policies/");
    const sent = (await (request as Request).json()) as Record<string, unknown>;
    expect(sent).toMatchObject({
      resource_kind: "desk",
      sale_unit: "half_day",
      min_notice_minutes: 1440,
      max_bookings_per_member_per_day: null, // emptied: no limit
    });
  });

  it("shows the field's message when the API refuses a value", async () => {
    const user = userEvent.setup();
    api([], {
      "POST /api/v1/manage/spaces/{space_id}/booking-policies/": () =>
        json(
          {
            code: "policy_durations",
            message: "La durée maximale doit être au moins la durée minimale.",
            fields: { max_duration_minutes: ["Au moins la durée minimale."] },
          },
          400,
        ),
    });
    renderApp("/gestion/regles?space=1");

    const room = await screen.findByRole("form", { name: "Salle de réunion" });
    await user.click(
      within(room).getByRole("button", { name: "Enregistrer les règles : Salle de réunion" }),
    );

    const max = within(room).getByLabelText("Durée maximale (minutes)");
    expect(await within(room).findByText("Au moins la durée minimale.")).toBeInTheDocument();
    expect(max).toHaveAttribute("aria-invalid", "true");
  });

  it("puts the other manager's rules back in the form on a 409", async () => {
    const user = userEvent.setup();
    const row: BookingRules = { ...deskDefaults, id: 4, version: "v1" };
    api([row], {
      "PATCH /api/v1/manage/spaces/{space_id}/booking-policies/{id}/": () =>
        json(
          {
            code: "stale_version",
            message: "Quelqu'un d'autre a enregistré",
            fields: {},
            current: { ...row, max_advance_days: 30, version: "v2" },
          },
          409,
        ),
    });
    renderApp("/gestion/regles?space=1");

    const desk = await screen.findByRole("form", { name: "Poste de travail" });
    expect(within(desk).getByText("Règles propres à votre lieu.")).toBeVisible();
    const window = within(desk).getByLabelText("Réservable jusqu’à (jours à l’avance)");
    await user.clear(window);
    await user.type(window, "120");
    await user.click(
      within(desk).getByRole("button", { name: "Enregistrer les règles : Poste de travail" }),
    );

    expect(await within(desk).findByRole("alert")).toHaveTextContent(
      "Quelqu’un d’autre a modifié cette section entre-temps.",
    );
    expect(window).toHaveValue(30);
  });
});
