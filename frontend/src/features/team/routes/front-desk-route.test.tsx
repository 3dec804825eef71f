import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import type { Me } from "@/lib/api/types";
import { loggedInSession, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

const LOADED = { timeout: 10_000 };
const fay: Me = { ...memberMe, id: 14, email: "fay@example.org", front_desk_operator_ids: [3] };
const booking = {
  id: 51,
  status: "confirmed",
  start: "2026-12-08T08:00:00Z",
  end: "2026-12-08T12:00:00Z",
  member: { id: 7, email: "ada@example.org", first_name: "Ada", last_name: "Lovelace" },
  resource: { id: 2, name: "Poste 1" },
};

test("the front desk sees the day and checks a member in; the result is read out", async () => {
  const user = userEvent.setup();
  const mock = mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(fay),
    "GET /api/v1/me/": json(fay),
    "GET /api/v1/front-desk/spaces/": json([
      {
        id: 4,
        name: "La Fabrique",
        slug: "la-fabrique",
        timezone: "Europe/Paris",
        operator_name: "Cy",
      },
    ]),
    "GET /api/v1/manage/spaces/{space_id}/bookings/": json({
      date: "2026-12-08",
      summary: { active: 1, checked_in: 0, no_show: 0, cancelled: 0 },
      bookings: [booking],
      blocks: [],
    }),
    "POST /api/v1/manage/bookings/{id}/check-in/": json({ ...booking, status: "checked_in" }),
  });
  renderApp("/accueil");

  const table = await screen.findByRole("table", { name: "Réservations du 2026-12-08" }, LOADED);
  const row = within(table).getByRole("row", { name: /Ada Lovelace/ });
  expect(row).toHaveTextContent("09:00 – 13:00");
  expect(screen.getByRole("link", { name: "Accueil" })).toBeVisible();
  expect(screen.queryByRole("link", { name: "Équipe" })).toBeNull();
  await user.click(
    within(row).getByRole("button", { name: "Enregistrer l’arrivée : Ada Lovelace" }),
  );
  expect(await screen.findByText("Arrivée de Ada Lovelace enregistrée.")).toBeVisible();
  expect(mock.calls("POST", "/api/v1/manage/bookings/51/check-in/")).toHaveLength(1);
}, 20_000);
