import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ManagedSpace } from "@/lib/api/types";
import {
  loggedInSession,
  managedBooking,
  managerDay,
  managerMe,
  memberMe,
} from "@/testing/booking-fixtures";
import { departments, page, services, truckListItem } from "@/testing/fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

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

function directoryApi() {
  return {
    "GET /api/v1/directory/departments/": json(departments),
    "GET /api/v1/directory/services/": json(services),
    "GET /api/v1/directory/spaces/": json(page([truckListItem])),
  } as const;
}

describe("manager screens", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-26T09:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("shows “Gestion” in the header to managers only", async () => {
    mockApi({
      ...directoryApi(),
      "GET /_allauth/browser/v1/auth/session": loggedInSession(),
      "GET /api/v1/me/": json(memberMe),
    });
    const member = renderApp("/");
    const nav = await screen.findByRole("navigation", { name: "Navigation principale" });
    expect(await within(nav).findByRole("link", { name: "Mes réservations" })).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "Mon portefeuille" })).toBeInTheDocument();
    expect(within(nav).queryByRole("link", { name: "Gestion" })).not.toBeInTheDocument();
    member.unmount();

    mockApi({
      ...directoryApi(),
      "GET /_allauth/browser/v1/auth/session": loggedInSession(managerMe),
      "GET /api/v1/me/": json(managerMe),
    });
    renderApp("/");
    const managerNav = await screen.findByRole("navigation", { name: "Navigation principale" });
    expect(await within(managerNav).findByRole("link", { name: "Gestion" })).toHaveAttribute(
      "href",
      "/gestion",
    );
  });

  it("lists today's bookings at my place and checks a member in", async () => {
    const user = userEvent.setup();
    let checkedIn = false;
    const ada = managedBooking();
    const mock = mockApi({
      "GET /_allauth/browser/v1/auth/session": loggedInSession(managerMe),
      "GET /api/v1/me/": json(managerMe),
      "GET /api/v1/manage/spaces/": json({
        count: 1,
        next: null,
        previous: null,
        results: [cantine],
      }),
      "GET /api/v1/manage/spaces/{space_id}/bookings/": () =>
        json(
          managerDay([
            checkedIn
              ? { ...ada, status: "checked_in", checked_in_at: "2026-11-26T08:10:00Z" }
              : ada,
          ]),
        ),
      "GET /api/v1/manage/spaces/{space_id}/resources/": json([
        { id: 101, kind: "desk", name: "Poste 2", capacity: 1, is_active: true },
      ]),
      "POST /api/v1/manage/bookings/{id}/check-in/": () => {
        checkedIn = true;
        return json({ ...ada, status: "checked_in" });
      },
    });
    renderApp("/gestion");

    const table = await screen.findByRole("table", {
      name: "Réservations de La Cantine, Jeudi 26 novembre 2026",
    });
    expect(screen.getByLabelText("Jour", { exact: true })).toHaveValue("2026-11-26");
    const day = mock.calls("GET", "/api/v1/manage/spaces/1/bookings/")[0] as Request;
    expect(new URL(day.url).searchParams.get("date")).toBe("2026-11-26");
    const row = within(table).getByRole("row", { name: /Ada Lovelace/ });
    expect(row).toHaveTextContent("Poste 2");
    expect(row).toHaveTextContent("09:00 – 18:00");
    expect(row).toHaveTextContent("Confirmée");

    await user.click(
      within(row).getByRole("button", { name: "Valider la présence de Ada Lovelace" }),
    );

    expect(await screen.findByText("Présence de Ada Lovelace validée.")).toBeInTheDocument();
    expect(mock.calls("POST", "/api/v1/manage/bookings/42/check-in/")).toHaveLength(1);
    expect(
      await within(
        await screen.findByRole("table", { name: /Réservations de La Cantine/ }),
      ).findByText("Présence validée"),
    ).toBeInTheDocument();
  });

  it("turns a blocked resource's local times into UTC instants", async () => {
    const user = userEvent.setup();
    const mock = mockApi({
      "GET /_allauth/browser/v1/auth/session": loggedInSession(managerMe),
      "GET /api/v1/me/": json(managerMe),
      "GET /api/v1/manage/spaces/": json({
        count: 1,
        next: null,
        previous: null,
        results: [cantine],
      }),
      "GET /api/v1/manage/spaces/{space_id}/bookings/": json(managerDay([])),
      "GET /api/v1/manage/spaces/{space_id}/resources/": json([
        { id: 101, kind: "desk", name: "Poste 2", capacity: 1, is_active: true },
      ]),
      "POST /api/v1/manage/spaces/{space_id}/resource-blocks/": json(
        {
          id: 1,
          resource: { id: 101, name: "Poste 2", kind: "desk", capacity: 1 },
          start: "2026-11-26T13:00:00Z",
          end: "2026-11-26T15:00:00Z",
          reason: "Maintenance",
          source: "manual",
          created_at: "2026-11-26T09:00:00Z",
        },
        201,
      ),
    });
    renderApp("/gestion");
    const section = (await screen.findByRole("heading", { name: "Bloquer un espace" })).closest(
      "section",
    ) as HTMLElement;
    await within(section).findByRole("option", { name: "Poste 2 (Poste de travail)" });
    const start = within(section).getByLabelText("Début");
    await user.clear(start);
    await user.type(start, "14:00");
    const end = within(section).getByLabelText("Fin");
    await user.clear(end);
    await user.type(end, "16:00");
    await user.type(within(section).getByLabelText("Motif (facultatif)"), "Maintenance");
    await user.click(within(section).getByRole("button", { name: "Bloquer" }));
    expect(await within(section).findByText("Espace bloqué.")).toBeInTheDocument();
    const [post] = mock.calls("POST", "/api/v1/manage/spaces/1/resource-blocks/");
    expect(await (post as Request).json()).toEqual({
      resource: 101,
      start: "2026-11-26T13:00:00.000Z",
      end: "2026-11-26T15:00:00.000Z",
      reason: "Maintenance",
    });
  });

  it("keeps a pasted reason whole and says it is too long, sending nothing", async () => {
    const user = userEvent.setup();
    const mock = mockApi({
      "GET /_allauth/browser/v1/auth/session": loggedInSession(managerMe),
      "GET /api/v1/me/": json(managerMe),
      "GET /api/v1/manage/spaces/": json({
        count: 1,
        next: null,
        previous: null,
        results: [cantine],
      }),
      "GET /api/v1/manage/spaces/{space_id}/bookings/": json(managerDay([])),
      "GET /api/v1/manage/spaces/{space_id}/resources/": json([
        { id: 101, kind: "desk", name: "Poste 2", capacity: 1, is_active: true },
      ]),
    });
    renderApp("/gestion");
    const section = (await screen.findByRole("heading", { name: "Bloquer un espace" })).closest(
      "section",
    ) as HTMLElement;
    await within(section).findByRole("option", { name: "Poste 2 (Poste de travail)" });
    const reason = within(section).getByLabelText("Motif (facultatif)");
    await user.click(reason);
    await user.paste("Travaux de peinture dans la salle. ".repeat(94)); // 35 × 94 = 3,290 characters
    expect((reason as HTMLInputElement).value).toHaveLength(3290);
    expect(reason).toHaveAccessibleDescription(
      "200 caractères au plus : raccourcissez le motif (3290 saisis).",
    );
    expect(reason).toHaveAttribute("aria-invalid", "true");
    await user.click(within(section).getByRole("button", { name: "Bloquer" }));
    expect(mock.calls("POST", "/api/v1/manage/spaces/1/resource-blocks/")).toHaveLength(0);
  });
});
