import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import type { Me } from "@/lib/api/types";
import { loggedInSession, managerMe, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

const LOADED = { timeout: 10_000 };
const adminMe: Me = { ...memberMe, id: 9, email: "nina@example.org", is_network_admin: true };
const cy = { id: 3, name: "Coopérative Cy", legal_form: "cooperative" as const };
const priceChange = {
  id: 41,
  timestamp: "2026-07-01T07:30:00Z",
  action: "update" as const,
  category: "prices" as const,
  object_type: "spaces.price",
  object_id: "12",
  object: "desk/day: 14.50 EUR",
  operator: { id: 3, name: "Coopérative Cy" },
  actor: "Cy Martin <cy@example.org>",
  remote_addr: "203.0.113.9",
  changes: [{ field: "amount", before: "12.00", after: "14.50", operation: "", objects: [] }],
};
const teamChange = {
  ...priceChange,
  id: 40,
  category: "roles" as const,
  object_type: "spaces.operator",
  object: "Coopérative Cy",
  actor: null,
  remote_addr: null,
  changes: [
    { field: "managers", before: null, after: null, operation: "add", objects: ["Zoé <z@x.org>"] },
  ],
};

test("a network admin reads who changed what, in Paris time, and filters by area", async () => {
  const user = userEvent.setup();
  const mock = mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(adminMe),
    "GET /api/v1/me/": json(adminMe),
    "GET /api/v1/manage/operators/": json({ count: 1, next: null, previous: null, results: [cy] }),
    "GET /api/v1/audit/": (_request, url) => {
      const category = url.searchParams.get("category");
      const results = category === "prices" ? [priceChange] : [priceChange, teamChange];
      return json({ count: results.length, next: null, previous: null, results });
    },
  });
  renderApp("/journal");

  const table = await screen.findByRole("table", { name: "Modifications : 2" }, LOADED);
  const [, first, second] = within(table).getAllByRole("row");
  expect(first).toHaveTextContent("1 juillet 2026, 09:30"); // 07:30 UTC is 09:30 in Paris
  expect(first).toHaveTextContent("Modification · Prix « desk/day: 14.50 EUR »");
  expect(first).toHaveTextContent("amount : 12.00 → 14.50");
  expect(first).toHaveTextContent("Cy Martin <cy@example.org>");
  expect(first).toHaveTextContent("203.0.113.9");
  expect(second).toHaveTextContent("managers : ajouté : Zoé <z@x.org>");
  expect(second).toHaveTextContent("Système (tâche automatique)");

  await user.selectOptions(screen.getByLabelText("Domaine"), "prices");
  await user.selectOptions(screen.getByLabelText("Structure"), "3");
  await user.click(screen.getByRole("button", { name: "Filtrer" }));

  expect(await screen.findByRole("table", { name: "Modifications : 1" }, LOADED)).toBeVisible();
  const last = mock.calls("GET", "/api/v1/audit/").at(-1);
  const params = new URL(last?.url ?? "").searchParams;
  expect([params.get("category"), params.get("operator")]).toEqual(["prices", "3"]);
});

test("a manager sees no addresses; a refused filter shows its message by the field", async () => {
  const user = userEvent.setup();
  mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(managerMe),
    "GET /api/v1/me/": json(managerMe),
    "GET /api/v1/manage/operators/": json({ count: 1, next: null, previous: null, results: [cy] }),
    "GET /api/v1/audit/": (_request, url) =>
      url.searchParams.get("until")
        ? json(
            {
              code: "invalid",
              message: "Invalid input.",
              fields: { until: ["La fin précède le début. / The end is before the start."] },
            },
            400,
          )
        : json({
            count: 1,
            next: null,
            previous: null,
            results: [{ ...priceChange, remote_addr: null }],
          }),
  });
  renderApp("/journal");

  const table = await screen.findByRole("table", { name: "Modifications : 1" }, LOADED);
  expect(within(table).queryByRole("columnheader", { name: "Adresse IP" })).toBeNull();
  expect(
    screen.getByText("Vous voyez les modifications des structures que vous gérez."),
  ).toBeVisible();

  await user.type(screen.getByLabelText("Du"), "2026-12-08");
  await user.type(screen.getByLabelText("Au (inclus)"), "2026-12-01");
  await user.click(screen.getByRole("button", { name: "Filtrer" }));

  expect(await screen.findByText("La fin précède le début.", {}, LOADED)).toBeVisible();
  expect(screen.getByLabelText("Au (inclus)")).toHaveAttribute("aria-invalid", "true");
});

test("a member is told the page is not for them", async () => {
  mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(memberMe),
    "GET /api/v1/me/": json(memberMe),
  });
  renderApp("/journal");

  expect(
    await screen.findByText(
      "Cette page est réservée à l’équipe du réseau et aux gestionnaires de lieux.",
      {},
      LOADED,
    ),
  ).toBeVisible();
});
