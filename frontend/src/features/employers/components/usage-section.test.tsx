import { fireEvent, screen, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import { adminRoutes, usage, LAZY } from "../testing-fixtures";

test("usage says places and dates are never shown, and gives one CSV per table for the month", async () => {
  const mock = mockApi({
    ...adminRoutes,
    "GET /api/v1/employers/{employer_id}/usage/": (_request, url) =>
      json({ ...usage, month: url.searchParams.get("month") ?? "" }),
  });
  renderApp("/employeur/7/usage");

  expect(await screen.findByText("Ni lieux ni dates", {}, LAZY)).toBeVisible();
  expect(
    screen.getByText(/Les lieux et les dates des réservations ne sont jamais montrés/),
  ).toBeVisible();
  const byEmployee = await screen.findByRole("table", { name: "Par salarié" });
  expect(within(byEmployee).getByRole("row", { name: /Ada Lovelace/ })).toHaveTextContent(
    "15,00 €",
  );
  const byDepartment = screen.getByRole("table", { name: "Par département" });
  expect(byDepartment).toHaveTextContent("Haute-Garonne (31)");

  const month = screen.getByLabelText("Mois");
  fireEvent.change(month, { target: { value: "2026-10" } });
  await screen.findByRole("table", { name: "Par salarié" });
  expect(mock.calls("GET", "/api/v1/employers/7/usage/").at(-1)!.url).toContain("month=2026-10");
  expect(
    screen.getByRole("link", { name: "Télécharger en CSV — Par centre de coûts" }),
  ).toHaveAttribute("href", "/api/v1/employers/7/usage.csv?month=2026-10&by=cost_centre");
}, 20_000);

test("the CSR section explains why figures for fewer than 5 people are not published", async () => {
  const mock = mockApi({
    ...adminRoutes,
    "GET /api/v1/employers/{employer_id}/commute/": json({
      people: null,
      days: null,
      km_avoided: null,
      co2_kg_avoided: null,
      suppressed: true,
      months: { date_from: "2026-01-01", date_to: "2026-12-31" },
      declarations: null,
    }),
  });
  renderApp("/employeur/7/rse");
  expect(await screen.findByText("Pas encore publié", {}, LAZY)).toBeVisible();
  expect(screen.getByText(/Moins de 5 personnes ont déclaré leur trajet/)).toBeVisible();
  // A closed month, never a year still running (issue 22).
  expect(mock.calls("GET", "/api/v1/employers/7/commute/").at(-1)!.url).toMatch(
    /month=\d{4}-\d{2}/,
  );
}, 20_000);
