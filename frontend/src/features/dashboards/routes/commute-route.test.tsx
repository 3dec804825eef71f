import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

const toulouse = { insee_code: "31555", name: "Toulouse", department_code: "31" };
const figeac = { insee_code: "46102", name: "Figeac", department_code: "46" };
const communes = {
  tou: [toulouse, { insee_code: "31575", name: "Vieille-Toulouse", department_code: "31" }],
  fig: [figeac],
} as const;

function api(declared: { home: typeof toulouse | null; workplace: typeof toulouse | null }) {
  return mockApi({
    "GET /api/v1/me/commute/": json({
      home_commune: declared.home,
      workplace_commune: declared.workplace,
      updated_at: null,
    }),
    "PUT /api/v1/me/commute/": async (request) => {
      const body = (await request.clone().json()) as Record<string, string | null>;
      const find = (code: string | null) =>
        [toulouse, figeac].find((commune) => commune.insee_code === code) ?? null;
      return {
        body: {
          home_commune: find(body.home_commune ?? null),
          workplace_commune: find(body.workplace_commune ?? null),
          updated_at: "2026-11-26T12:00:00Z",
        },
      };
    },
    "GET /api/v1/directory/communes/": (_request, url) => {
      const q = (url.searchParams.get("q") ?? "").toLowerCase().slice(0, 3);
      const found = communes[q as keyof typeof communes] ?? [];
      return { body: found.map((commune) => ({ ...commune, latitude: 44, longitude: 2 })) };
    },
  });
}

test("the member finds their communes by name with the keyboard and saves their codes", async () => {
  const user = userEvent.setup();
  const mock = api({ home: null, workplace: null });
  renderApp("/mon-trajet");

  const home = await screen.findByRole(
    "combobox",
    { name: "Commune où vous habitez" },
    { timeout: 5000 }, // the page is loaded on demand
  );
  await user.type(home, "toul");
  expect(
    await screen.findByText("2 communes proposées, utilisez les flèches pour choisir."),
  ).toHaveAttribute("role", "status");
  await user.keyboard("{ArrowDown}{Enter}");
  expect(home).toHaveValue("Toulouse");

  const workplace = screen.getByRole("combobox", {
    name: "Commune de votre lieu de travail habituel",
  });
  await user.type(workplace, "Figeac");
  await screen.findByRole("option", { name: "Figeac (46)" });
  await user.keyboard("{Enter}");
  await user.click(screen.getByRole("button", { name: "Enregistrer" }));

  expect(await screen.findByText("Déclaration enregistrée.")).toBeInTheDocument();
  const [put] = mock.calls("PUT", "/api/v1/me/commute/");
  expect(await put!.json()).toEqual({ home_commune: "31555", workplace_commune: "46102" });
});

test("a name typed but not chosen from the list is refused on the field, nothing is saved", async () => {
  const user = userEvent.setup();
  const mock = api({ home: toulouse, workplace: null });
  renderApp("/mon-trajet");

  const home = await screen.findByRole("combobox", { name: "Commune où vous habitez" });
  expect(await screen.findByDisplayValue("Toulouse")).toBe(home);
  await user.clear(home);
  await user.type(home, "Tolosa");
  await user.keyboard("{Escape}");
  await user.click(screen.getByRole("button", { name: "Enregistrer" }));

  expect(home).toBeInvalid();
  expect(home).toHaveAccessibleDescription(/Choisissez une commune dans la liste/);
  expect(mock.calls("PUT", "/api/v1/me/commute/")).toHaveLength(0);

  await user.clear(home);
  await user.click(screen.getByRole("button", { name: "Enregistrer" }));
  const [put] = mock.calls("PUT", "/api/v1/me/commute/");
  expect(await put!.json()).toEqual({ home_commune: null, workplace_commune: null });
});
