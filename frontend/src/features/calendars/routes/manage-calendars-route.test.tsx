import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loggedInSession, managerDay, managerMe, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import type { ExternalCalendar, ManagedSpace } from "../api/types";

const cantine: ManagedSpace = {
  id: 1,
  operator: 3,
  name: "La Cantine",
  slug: "la-cantine-toulouse",
  kind: "coworking",
  setting: "urban",
  commune: "31555",
  department_code: "31",
  latitude: 43.6,
  longitude: 1.44,
  timezone: "Europe/Paris",
};

const failed: ExternalCalendar = {
  id: 9,
  name: "Salles Nextcloud",
  url: "https://cloud.example.org/rooms.ics",
  resource: null,
  sync_status: "error",
  last_fetched_at: "2026-11-26T08:45:00Z",
  last_success_at: null,
  last_error_code: "http_error",
  last_error: "Le serveur a répondu 404. / The server answered 404.",
  problems: [],
  events_imported: 0,
  next_sync_at: "2026-11-26T09:15:00Z",
  created_at: "2026-11-25T08:00:00Z",
};

const imported: ExternalCalendar = {
  ...failed,
  sync_status: "ok",
  last_success_at: "2026-11-26T09:00:00Z",
  last_fetched_at: "2026-11-26T09:00:00Z",
  last_error_code: "",
  last_error: "",
  events_imported: 3,
};

function managerApi(extra = {}) {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(managerMe),
    "GET /api/v1/me/": json(managerMe),
    "GET /api/v1/manage/spaces/": json({
      count: 1,
      next: null,
      previous: null,
      results: [cantine],
    }),
    "GET /api/v1/manage/spaces/{space_id}/resources/": json([
      { id: 101, kind: "meeting_room", name: "Salle Garonne", capacity: 8, is_active: true },
    ]),
    "GET /api/v1/calendar-feeds/": json([]),
    "GET /api/v1/manage/spaces/{space_id}/external-calendars/": json([failed]),
    ...extra,
  });
}

function region(name: string) {
  return screen.findByRole("region", { name });
}

describe("place calendars (managers)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-26T09:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("is linked from the manager's day view, for the chosen place", async () => {
    managerApi({ "GET /api/v1/manage/spaces/{space_id}/bookings/": json(managerDay([])) });
    renderApp("/gestion");
    const link = await screen.findByRole(
      "link",
      { name: "Agendas du lieu : abonnements et calendriers importés" },
      { timeout: 5000 },
    );
    expect(link).toHaveAttribute("href", "/gestion/agendas?space=1");
  });

  it("tells a member the page is for managers", async () => {
    mockApi({
      "GET /_allauth/browser/v1/auth/session": loggedInSession(memberMe),
      "GET /api/v1/me/": json(memberMe),
    });
    renderApp("/gestion/agendas");
    expect(
      await screen.findByText("Cette page est réservée aux gestionnaires des lieux."),
    ).toBeInTheDocument();
  });

  it("shows why an import failed, in French only, and imports again on demand", async () => {
    const user = userEvent.setup();
    const mock = managerApi({
      "POST /api/v1/manage/spaces/{space_id}/external-calendars/{id}/sync/": json(imported),
    });
    renderApp("/gestion/agendas?space=1");
    const section = await region("Calendriers importés");
    const item = await within(section).findByRole("listitem", { name: /Salles Nextcloud/ });
    expect(within(item).getByText("Échec")).toBeInTheDocument();
    expect(within(item).getByText("Le serveur a répondu 404.")).toBeInTheDocument();
    expect(item).not.toHaveTextContent("The server answered");
    expect(item).toHaveTextContent("Dernière tentative : 26 novembre 2026, 09:45.");

    await user.click(within(item).getByRole("button", { name: "Importer maintenant" }));

    expect(mock.calls("POST", "/api/v1/manage/spaces/1/external-calendars/9/sync/")).toHaveLength(
      1,
    );
  });

  it("adds a calendar for one resource and shows the refusal of a private address", async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const mock = managerApi({
      "POST /api/v1/manage/spaces/{space_id}/external-calendars/": () => {
        attempts += 1;
        return attempts === 1
          ? json(
              {
                code: "calendar_url_invalid",
                message:
                  "Adresse refusée : adresse de réseau privé. / Address refused: private network address.",
                fields: { url: ["private"] },
              },
              400,
            )
          : json({ ...failed, id: 10, name: "Mairie", sync_status: "never" }, 201);
      },
    });
    renderApp("/gestion/agendas?space=1");
    const section = await region("Calendriers importés");
    await user.type(within(section).getByLabelText("Nom"), "Mairie");
    await user.type(
      within(section).getByLabelText("Adresse du fichier .ics (https:// ou webcal://)"),
      "http://10.0.0.1/closures.ics",
    );
    await within(section).findByRole("option", { name: "Salle Garonne" });
    await user.selectOptions(within(section).getByLabelText("Bloque"), "Salle Garonne");
    await user.click(within(section).getByRole("button", { name: "Ajouter un calendrier" }));

    expect(
      await within(section).findByText("Adresse refusée : adresse de réseau privé."),
    ).toBeInTheDocument();
    const url = within(section).getByLabelText("Adresse du fichier .ics (https:// ou webcal://)");
    expect(url).toHaveAttribute("aria-invalid", "true");

    await user.clear(url);
    await user.type(url, "webcal://mairie.example.org/closures.ics");
    await user.click(within(section).getByRole("button", { name: "Ajouter un calendrier" }));

    const posts = mock.calls("POST", "/api/v1/manage/spaces/1/external-calendars/");
    expect(posts).toHaveLength(2);
    expect(await (posts[1] as Request).json()).toEqual({
      name: "Mairie",
      url: "webcal://mairie.example.org/closures.ics",
      resource: 101,
    });
  });

  it("deletes a calendar only once confirmed", async () => {
    const user = userEvent.setup();
    const mock = managerApi({
      "DELETE /api/v1/manage/spaces/{space_id}/external-calendars/{id}/": { status: 204 },
    });
    renderApp("/gestion/agendas?space=1");
    const item = await within(await region("Calendriers importés")).findByRole("listitem", {
      name: /Salles Nextcloud/,
    });
    await user.click(within(item).getByRole("button", { name: "Supprimer" }));
    expect(
      within(item).getByRole("group", { name: /Ne plus importer « Salles Nextcloud »/ }),
    ).toBeInTheDocument();
    expect(mock.calls("DELETE", "/api/v1/manage/spaces/1/external-calendars/9/")).toHaveLength(0);
    await user.click(within(item).getByRole("button", { name: "Confirmer" }));

    expect(await screen.findByText("Calendrier supprimé.")).toBeInTheDocument();
    expect(mock.calls("DELETE", "/api/v1/manage/spaces/1/external-calendars/9/")).toHaveLength(1);
  });

  it("creates an occupancy feed for a resource and shows its addresses", async () => {
    const user = userEvent.setup();
    const mock = managerApi({
      "POST /api/v1/calendar-feeds/": json(
        {
          id: 12,
          kind: "resource",
          name: "La Cantine — Salle Garonne",
          space: { id: 1, name: "La Cantine", slug: "la-cantine-toulouse" },
          resource: { id: 101, name: "Salle Garonne" },
          created_at: "2026-11-26T09:00:00Z",
          last_used_at: null,
          url: "https://ostal.example.org/ical/tok9.ics",
          webcal_url: "webcal://ostal.example.org/ical/tok9.ics",
        },
        201,
      ),
    });
    renderApp("/gestion/agendas?space=1");
    const section = await region("S'abonner à l'occupation");
    await within(section).findByRole("option", { name: "Salle Garonne" });
    await user.selectOptions(within(section).getByLabelText("Pour"), "Salle Garonne");
    await user.click(within(section).getByRole("button", { name: "Créer une adresse" }));

    expect(await within(section).findByLabelText("Adresse https")).toHaveValue(
      "https://ostal.example.org/ical/tok9.ics",
    );
    const [post] = mock.calls("POST", "/api/v1/calendar-feeds/");
    expect(await (post as Request).json()).toEqual({ kind: "resource", space: 1, resource: 101 });
  });
});
