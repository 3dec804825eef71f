import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import { anonymousSession } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import { acme, adminRoutes, LAZY } from "../testing-fixtures";

test("a visitor is asked to log in and comes back to the employer area", async () => {
  mockApi({
    "GET /_allauth/browser/v1/auth/session": anonymousSession,
    "GET /api/v1/me/": json({ detail: "Non authentifié." }, 403),
  });
  renderApp("/employeur");
  const link = await screen.findByRole("link", { name: "Se connecter" });
  expect(
    await screen.findByText("Connectez-vous pour accéder à l’espace employeur.", {}, LAZY),
  ).toBeVisible();
  expect(
    screen.getAllByRole("link", { name: "Se connecter" }).map((a) => a.getAttribute("href")),
  ).toContain("/connexion?next=%2Femployeur");
  expect(link).toBeVisible();
}, 20_000);

test("a new employer is created from a labelled form; the API's field errors show next to their fields", async () => {
  const user = userEvent.setup();
  let attempts = 0;
  const mock = mockApi({
    ...adminRoutes,
    "GET /api/v1/employers/": json([]),
    "POST /api/v1/employers/": async (request) => {
      attempts += 1;
      const body = (await request.clone().json()) as Record<string, string>;
      if (attempts === 1) {
        return json(
          {
            code: "invalid",
            message: "Données invalides.",
            fields: { siret: ["SIRET invalide (clé de contrôle). / Invalid SIRET (check digit)."] },
          },
          400,
        );
      }
      return json({ ...acme, ...body, id: 7, join_url: null }, 201);
    },
  });
  renderApp("/employeur");

  // The menu has the entry, the page says there is nothing yet and shows the form.
  expect(await screen.findByRole("link", { name: "Espace employeur" })).toBeVisible();
  expect(
    await screen.findByText("Vous n’administrez encore aucun compte employeur.", {}, LAZY),
  ).toBeVisible();
  await user.type(screen.getByLabelText("Nom usuel *"), "Acme");
  await user.type(screen.getByLabelText("Raison sociale *"), "Acme SAS");
  await user.click(screen.getByRole("radio", { name: "Employeur public" }));
  expect(screen.getByText(/la référence de votre bon de commande sera demandée/)).toBeVisible();
  await user.type(screen.getByLabelText("SIRET *"), "732 829 320 00075");
  await user.type(screen.getByLabelText("Adresse *"), "1 rue du Lac");
  await user.type(screen.getByLabelText("Code postal *"), "31000");
  await user.type(screen.getByLabelText("Ville *"), "Toulouse");
  await user.type(screen.getByLabelText("E-mail de facturation *"), "compta@acme.fr");
  await user.type(screen.getByLabelText("Domaine des adresses des salariés"), "acme.fr");
  await user.click(screen.getByRole("button", { name: "Créer le compte employeur" }));

  const siret = screen.getByLabelText("SIRET *");
  expect(await screen.findByText("SIRET invalide (clé de contrôle).")).toBeVisible();
  expect(siret).toHaveAttribute("aria-invalid", "true");
  expect(siret).toHaveAccessibleDescription(/SIRET invalide \(clé de contrôle\)\./);
  const sent = (await mock.calls("POST", "/api/v1/employers/")[0]!.clone().json()) as Record<
    string,
    string
  >;
  expect(sent).toMatchObject({
    siret: "73282932000075",
    kind: "public_body",
    email_domain: "acme.fr",
  });

  await user.clear(siret);
  await user.type(siret, "73282932000074{Enter}");
  expect(await screen.findByRole("heading", { name: "Acme", level: 1 }, LAZY)).toBeVisible();
  const nav = screen.getByRole("navigation", { name: "Rubriques du compte employeur" });
  expect(
    within(nav)
      .getAllByRole("link")
      .map((link) => link.textContent),
  ).toEqual([
    "Forfait",
    "Salariés",
    "Centres de coûts",
    "Règles",
    "Usage",
    "Factures",
    "RSE",
    "Informations",
  ]);
}, 20_000);
