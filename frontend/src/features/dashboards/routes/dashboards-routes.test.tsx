import { screen, within } from "@testing-library/react";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import { managerDashboard, managerToday, networkDashboard } from "../testing-fixtures";

test("the manager dashboard shows KPIs, who is in, charts with tables and CSV links", async () => {
  const api = mockApi({
    "GET /api/v1/analytics/manager/dashboard/": json(managerDashboard),
    "GET /api/v1/analytics/manager/today/": json(managerToday),
  });

  renderApp("/tableau-de-bord?month=2026-03&space=7");

  // The first page of the file pays for loading the chart library: wait longer than 1 s.
  expect(
    await screen.findByRole("heading", { name: "Tableau de bord", level: 1 }, { timeout: 5000 }),
  ).toBeVisible();
  const occupancy = (await screen.findByText("Taux d’occupation", { selector: "dt" }))
    .parentElement;
  expect(occupancy).toHaveTextContent("53,7 %");
  expect(await screen.findByText("Ada Lovelace")).toBeInTheDocument();
  const resources = screen.getByRole("table", { name: "Occupation par ressource" });
  expect(within(resources).getByText("D1")).toBeInTheDocument();
  const links = screen.getAllByRole("link", { name: "Télécharger en CSV", hidden: true });
  expect(links.map((link) => link.getAttribute("href"))).toContain(
    "/api/v1/analytics/manager/dashboard/resources.csv?from=2026-03-01&to=2026-03-31&granularity=day&space=7",
  );
  const request = api.calls("GET", "/api/v1/analytics/manager/dashboard/")[0];
  expect(new URL(request!.url).searchParams.get("to")).toBe("2026-03-31");
});

test("a member without a place is told the dashboard is for managers", async () => {
  mockApi({
    "GET /api/v1/analytics/manager/dashboard/": json(
      { code: "permission_denied", message: "No" },
      403,
    ),
    "GET /api/v1/analytics/manager/today/": json({ code: "permission_denied", message: "No" }, 403),
  });

  renderApp("/tableau-de-bord");

  expect(await screen.findByText(/réservée aux gestionnaires de lieux/)).toBeInTheDocument();
});

test("the observatory shows one published month, suppressed figures as < 5 and the commute avoided", async () => {
  const mock = mockApi({ "GET /api/v1/analytics/network/dashboard/": json(networkDashboard) });

  renderApp("/observatoire?month=2026-03");

  const commute = await screen.findByRole("table", { name: "Trajets évités", hidden: true });
  const rows = within(commute).getAllByRole("row", { hidden: true });
  expect(rows[1]).toHaveTextContent("48515");
  expect(rows[2]).toHaveTextContent("46< 5< 5< 5< 5");
  expect(screen.getByText("CO₂ évité (kg)", { selector: "dt" }).parentElement).toHaveTextContent(
    "898",
  );
  // A published month, never a range (issue 22: ranges could be differenced).
  const url = mock.calls("GET", "/api/v1/analytics/network/dashboard/").at(-1)!.url;
  expect(url).toContain("month=2026-03");
  expect(url).not.toContain("from=");
  expect(screen.getByLabelText("Mois publié")).toHaveValue("2026-03");
});

test("the open data page links the three downloads", async () => {
  mockApi({});

  renderApp("/donnees-ouvertes");

  expect(await screen.findByRole("heading", { name: "Données ouvertes", level: 1 })).toBeVisible();
  expect(screen.getByRole("link", { name: "Annuaire des lieux (GeoJSON)" })).toHaveAttribute(
    "href",
    "/api/v1/open-data/directory.geojson",
  );
  expect(screen.getByRole("link", { name: /Occupation par département/ })).toHaveAttribute(
    "href",
    "/api/v1/open-data/occupancy-by-department.csv",
  );
});
