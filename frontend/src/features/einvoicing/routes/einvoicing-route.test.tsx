import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import { loggedInSession, managerMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import type { EInvoice, EInvoicingSettings } from "../api/einvoicing";

const LOADED = { timeout: 10_000 };
const cy = {
  id: 3,
  name: "Coopérative Cy",
  legal_form: "cooperative" as const,
  carrier_kind: "private" as const,
  managers: [managerMe.id],
  front_desk: [],
};
const settings: EInvoicingSettings = {
  operator_id: 3,
  operator_name: "Coopérative Cy",
  siret: "73282932000074",
  mandate_given: false,
  mandate_given_at: null,
  mandate_given_by: null,
  platform_identifier: "",
  platform_name: "local",
};
const refused: EInvoice = {
  id: 11,
  invoice_reference: "0a1b2c3d-0000-4000-8000-000000000011",
  number: "F2026-00011",
  doc_type: "invoice",
  issued_at: "2026-12-01T09:00:00Z",
  seller_name: "Coopérative Cy",
  buyer_name: "Atelier Lovelace SARL",
  total_gross: "36.00",
  currency: "EUR",
  status: "submitted",
  attempts: 1,
  next_attempt_at: "2026-12-01T09:02:00Z",
  last_error: "",
  submitted_at: "2026-12-01T09:01:00Z",
  lifecycle: "210",
  lifecycle_at: "2026-12-02T10:00:00Z",
  statuses: [
    { code: "200", reason: "", occurred_at: "2026-12-01T09:01:00Z" },
    { code: "210", reason: "Bon de commande absent", occurred_at: "2026-12-02T10:00:00Z" },
  ],
  pdf_url: "/api/v1/manage/invoices/0a1b2c3d-0000-4000-8000-000000000011/pdf/",
};
const failed: EInvoice = {
  ...refused,
  id: 12,
  number: "F2026-00012",
  status: "failed",
  attempts: 8,
  last_error: "HTTP 503",
  submitted_at: null,
  lifecycle: "",
  lifecycle_at: null,
  statuses: [],
};

test("a manager gives the mandate, sees each invoice's status and sends a failed one again", async () => {
  const user = userEvent.setup();
  let puts = 0;
  let retried = false;
  mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(managerMe),
    "GET /api/v1/me/": json(managerMe),
    "GET /api/v1/manage/operators/": json({ count: 1, next: null, previous: null, results: [cy] }),
    "GET /api/v1/manage/operators/{operator_id}/einvoicing/": json(settings),
    "PUT /api/v1/manage/operators/{operator_id}/einvoicing/": async (request) => {
      puts += 1;
      const body = (await request.clone().json()) as { platform_identifier: string };
      if (puts === 1) {
        const message = "Attendu : 732829320 ou 732829320_… / Expected: 732829320 or 732829320_…";
        return json(
          {
            code: "platform_identifier_invalid",
            message,
            fields: { platform_identifier: [message] },
          },
          400,
        );
      }
      return json({
        ...settings,
        mandate_given: true,
        mandate_given_at: "2026-12-03T08:00:00Z",
        mandate_given_by: managerMe.email,
        platform_identifier: body.platform_identifier,
      });
    },
    "GET /api/v1/manage/einvoices/": () =>
      json({
        count: 2,
        next: null,
        previous: null,
        results: [refused, retried ? { ...failed, status: "pending", attempts: 0 } : failed],
      }),
    "POST /api/v1/manage/einvoices/{id}/retry/": () => {
      retried = true;
      return json({ ...failed, status: "pending", attempts: 0 });
    },
  });
  renderApp("/facturation-electronique/3");

  expect(
    await screen.findByRole(
      "heading",
      { name: "Facturation électronique — Coopérative Cy" },
      LOADED,
    ),
  ).toBeVisible();
  const mandate = await screen.findByRole("checkbox", { name: /Je donne mandat/ }, LOADED);
  await user.click(mandate);
  const identifier = screen.getByLabelText(/Identifiant dans l’annuaire/);
  await user.type(identifier, "552100554");
  await user.click(screen.getByRole("button", { name: "Enregistrer" }));
  expect(await screen.findByText(/Attendu : 732829320/)).toBeVisible();
  expect(identifier).toHaveAttribute("aria-invalid", "true");

  await user.clear(identifier);
  await user.type(identifier, "732829320_FACT");
  await user.click(screen.getByRole("button", { name: "Enregistrer" }));
  expect(await screen.findByText("Réglages enregistrés.")).toBeVisible();
  expect(screen.getByText(/Mandat donné le .* par cy@example.org/)).toBeVisible();

  const table = screen.getByRole("table", { name: "Factures électroniques et leur statut" });
  const refusedRow = within(table).getByRole("row", { name: /F2026-00011/ });
  expect(within(refusedRow).getByText("Refusée")).toBeVisible();
  await user.click(within(refusedRow).getByText("Historique"));
  expect(within(refusedRow).getByText(/Refusée : Bon de commande absent/)).toBeVisible();
  const failedRow = within(table).getByRole("row", { name: /F2026-00012/ });
  expect(within(failedRow).getByText("Échec de transmission")).toBeVisible();
  expect(within(failedRow).getByText("Dernière erreur : HTTP 503")).toBeVisible();

  await user.click(
    within(failedRow).getByRole("button", { name: "Réessayer la transmission de F2026-00012" }),
  );
  expect(await screen.findByText("F2026-00012 repart vers la plateforme.")).toBeVisible();
  expect(await within(table).findByText("En attente de transmission", {}, LOADED)).toBeVisible();
});
