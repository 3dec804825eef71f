import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import { acme, adminRoutes, emptyBundle, networkCarnet, LAZY } from "../testing-fixtures";

const publicBody = { ...acme, kind: "public_body" as const };

test("a public employer ordering on invoice sees the API's purchase-order error at the field", async () => {
  const user = userEvent.setup();
  const mock = mockApi({
    ...adminRoutes,
    "GET /api/v1/employers/{employer_id}/": json(publicBody),
    "POST /api/v1/employers/{employer_id}/orders/": async (request) => {
      const body = (await request.clone().json()) as { purchase_order: string };
      if (!body.purchase_order) {
        return json(
          {
            code: "purchase_order_required",
            message:
              "Un employeur public doit indiquer la référence de son bon de commande. / A public employer must give its purchase-order reference.",
            fields: {
              purchase_order: [
                "Référence du bon de commande obligatoire. / Purchase-order reference required.",
              ],
            },
          },
          400,
        );
      }
      return json(
        {
          order: {
            reference: "5f0c1d2e-0000-4000-8000-000000000001",
            plan: networkCarnet.id,
            plan_name: networkCarnet.name,
            quantity: 2,
            credits: "20.00",
            amount: "300.00",
            currency: "EUR",
            method: "transfer",
            purchase_order: body.purchase_order,
            status: "granted",
            created_at: "2026-11-26T10:00:00Z",
            paid_at: null,
          },
          payment: null,
        },
        201,
      );
    },
  });
  renderApp("/employeur/7/forfait");

  expect(await screen.findByText("0 crédit disponible", {}, LAZY)).toBeVisible();
  const offer = await screen.findByLabelText("Offre");
  expect(within(offer).getByRole("option", { selected: true })).toHaveTextContent(
    "Carnet réseau 10 jours — 10 crédits — 150,00 €",
  );
  const quantity = screen.getByLabelText("Nombre de carnets");
  await user.clear(quantity);
  await user.type(quantity, "2");
  await user.click(screen.getByRole("radio", { name: "Virement sur facture" }));
  const po = screen.getByLabelText("Référence du bon de commande *");
  expect(po).toHaveAccessibleDescription(/Obligatoire pour un employeur public/);
  await user.click(screen.getByRole("button", { name: "Commander sur facture" }));

  expect(await screen.findByText("Référence du bon de commande obligatoire.")).toBeVisible();
  expect(po).toHaveAttribute("aria-invalid", "true");
  expect(po).toHaveAccessibleDescription(/Référence du bon de commande obligatoire\./);

  await user.type(po, "BC-2026-118");
  await user.click(screen.getByRole("button", { name: "Commander sur facture" }));
  expect(
    await screen.findByText(/Commande enregistrée : 20 crédits ajoutés au forfait/),
  ).toBeVisible();
  const sent = (await mock
    .calls("POST", "/api/v1/employers/7/orders/")[1]!
    .clone()
    .json()) as object;
  expect(sent).toMatchObject({
    plan: 3,
    quantity: 2,
    method: "transfer",
    purchase_order: "BC-2026-118",
  });
}, 20_000);

test("the pool shows its credits and lots with their expiry", async () => {
  mockApi({
    ...adminRoutes,
    "GET /api/v1/employers/{employer_id}/bundle/": json({
      ...emptyBundle,
      credits: "18.50",
      lots: [{ credits: "18.50", granted: "20.00", expires_at: "2027-11-26T10:00:00Z" }],
    }),
  });
  renderApp("/employeur/7");
  expect(await screen.findByText("18,5 crédits disponibles", {}, LAZY)).toBeVisible();
  const lots = screen.getByRole("table", { name: "Lots de crédits" });
  expect(within(lots).getByRole("row", { name: /18,5 sur 20/ })).toHaveTextContent(
    "26 novembre 2027",
  );
}, 20_000);

test("a Chorus Pro buyer whose structure requires a service code sees the API's refusal at its field, and the default code is sent", async () => {
  const user = userEvent.setup();
  const chorus = {
    ...publicBody,
    chorus_service_code: "",
    chorus_service_code_required: true,
    chorus_engagement_required: true,
  };
  const mock = mockApi({
    ...adminRoutes,
    "GET /api/v1/employers/{employer_id}/": json(chorus),
    "POST /api/v1/employers/{employer_id}/orders/": () =>
      json(
        {
          code: "service_code_required",
          message:
            "Votre structure Chorus Pro exige un code service sur ses factures. / Your Chorus Pro structure requires a service code on its invoices.",
          fields: {
            service_code: [
              "Code service Chorus Pro obligatoire. / Chorus Pro service code required.",
            ],
          },
        },
        400,
      ),
  });
  renderApp("/employeur/7/forfait");

  expect(await screen.findByText("0 crédit disponible", {}, LAZY)).toBeVisible();
  await user.click(screen.getByRole("radio", { name: "Virement sur facture" }));
  await user.type(screen.getByLabelText("Référence du bon de commande *"), "EJ-2026-0042");
  const service = screen.getByLabelText("Code service Chorus Pro *");
  await user.type(service, "FACTURES-DRH");
  await user.click(screen.getByRole("button", { name: "Commander sur facture" }));

  expect(await screen.findByText("Code service Chorus Pro obligatoire.")).toBeVisible();
  expect(service).toHaveAttribute("aria-invalid", "true");
  const sent = (await mock
    .calls("POST", "/api/v1/employers/7/orders/")[0]!
    .clone()
    .json()) as object;
  expect(sent).toMatchObject({ purchase_order: "EJ-2026-0042", service_code: "FACTURES-DRH" });
}, 20_000);
