import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import type { Me } from "@/lib/api/types";
import { loggedInSession, managerMe, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

const LOADED = { timeout: 10_000 };
const adminMe: Me = { ...memberMe, id: 9, email: "nina@example.org", is_network_admin: true };
const cy = {
  id: 3,
  name: "Coopérative Cy",
  legal_form: "cooperative" as const,
  carrier_kind: "private" as const,
  siret: "55203253400646",
  managers: [5],
  front_desk: [],
};

test("the network creates an operator; SIRET and VAT errors show next to their fields", async () => {
  const user = userEvent.setup();
  let attempts = 0;
  const created = {
    id: 4,
    name: "CC du Haut-Allier",
    legal_form: "intercommunality" as const,
    carrier_kind: "public" as const,
    managers: [],
    front_desk: [],
  };
  const mock = mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(adminMe),
    "GET /api/v1/me/": json(adminMe),
    "GET /api/v1/manage/operators/": json({ count: 1, next: null, previous: null, results: [cy] }),
    "POST /api/v1/manage/operators/": async () => {
      attempts += 1;
      if (attempts === 1) {
        return json(
          {
            code: "invalid",
            message: "Numéro SIRET invalide / Invalid SIRET number.",
            fields: {
              siret: ["Numéro SIRET invalide / Invalid SIRET number."],
              vat_number: ["Numéro de TVA intracommunautaire invalide / Invalid VAT number."],
            },
          },
          400,
        );
      }
      return json(created, 201);
    },
    "GET /api/v1/manage/operators/{id}/": json(created),
  });
  renderApp("/reseau/structures");

  const table = await screen.findByRole("table", { name: "Structures : 1" }, LOADED);
  expect(within(table).getByRole("link", { name: "Coopérative Cy" })).toHaveAttribute(
    "href",
    "/reseau/structures/3",
  );
  await user.click(screen.getByRole("button", { name: "Nouvelle structure" }));
  const form = screen.getByRole("form", { name: "Créer la structure" });
  await user.type(within(form).getByLabelText("Nom *"), "CC du Haut-Allier");
  await user.selectOptions(within(form).getByLabelText("Forme juridique *"), "intercommunality");
  await user.click(within(form).getByRole("radio", { name: "Public" }));
  await user.type(within(form).getByLabelText("SIRET"), "552 032 534 00647");
  await user.type(
    within(form).getByLabelText("Numéro de TVA intracommunautaire"),
    "fr00 552032534",
  );
  await user.click(within(form).getByRole("button", { name: "Créer la structure" }));

  expect(await within(form).findByText("Numéro SIRET invalide")).toBeVisible();
  expect(within(form).getByLabelText("SIRET")).toHaveAttribute("aria-invalid", "true");
  expect(within(form).getByText("Numéro de TVA intracommunautaire invalide")).toBeVisible();
  const [first] = mock.calls("POST", "/api/v1/manage/operators/");
  expect(await first?.clone().json()).toMatchObject({
    name: "CC du Haut-Allier",
    legal_form: "intercommunality",
    carrier_kind: "public",
    siret: "55203253400647",
    vat_number: "FR00552032534",
  });

  await user.click(within(form).getByRole("button", { name: "Créer la structure" }));
  expect(
    await screen.findByRole("heading", { name: "CC du Haut-Allier", level: 1 }, LOADED),
  ).toBeVisible();
}, 20_000);

test("a manager is told the operators page is the network's", async () => {
  mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(managerMe),
    "GET /api/v1/me/": json(managerMe),
  });
  renderApp("/reseau/structures");
  expect(
    await screen.findByText("Cette page est réservée à l’équipe du réseau.", {}, LOADED),
  ).toBeVisible();
}, 20_000);
