import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import { adminRoutes, defaultPolicy, LAZY, sales } from "../testing-fixtures";

test("each rule is explained in one sentence; the policy is saved, and the API's errors shown at their field", async () => {
  const user = userEvent.setup();
  let saves = 0;
  const mock = mockApi({
    ...adminRoutes,
    "GET /api/v1/employers/{employer_id}/policies/": json([defaultPolicy]),
    "PUT /api/v1/employers/{employer_id}/policies/{scope}/": async (request) => {
      saves += 1;
      const body = (await request.clone().json()) as object;
      if (saves === 1) {
        return json(
          {
            code: "invalid",
            message: "Données invalides. / Invalid data.",
            fields: {
              days_per_month: [
                "Le plafond mensuel ne peut pas être inférieur au plafond hebdomadaire. / The monthly limit cannot be below the weekly one.",
              ],
            },
          },
          400,
        );
      }
      return json({ ...defaultPolicy, ...body });
    },
  });
  renderApp("/employeur/7/regles");

  const week = await screen.findByLabelText("Jours par semaine", {}, LAZY);
  expect(week).toHaveValue(2);
  expect(week).toHaveAccessibleDescription(/Au plus ce nombre de jours par semaine/);
  expect(screen.getByRole("checkbox", { name: "Poste de travail" })).toBeChecked();
  expect(await screen.findByRole("checkbox", { name: "Haute-Garonne (31)" })).toBeChecked();
  expect(
    screen.getByRole("checkbox", { name: "Lieux sécurisés seulement" }),
  ).toHaveAccessibleDescription(
    // The rule counts features the network verified, not merely declared (ADR 0021).
    /le réseau a vérifié le bureau ou la cabine fermés, le réseau filaire isolé, les casiers et l’accès par badge/,
  );
  expect(screen.getByLabelText("Part payée par l’entreprise (%)")).toHaveValue(100);

  const month = screen.getByLabelText("Jours par mois");
  await user.type(month, "1");
  await user.click(screen.getByRole("checkbox", { name: "vendredi" }));
  await user.click(screen.getByRole("checkbox", { name: "Le salarié peut réserver à ses frais" }));
  await user.click(screen.getByRole("button", { name: "Enregistrer la règle" }));

  expect(
    await screen.findByText(
      "Le plafond mensuel ne peut pas être inférieur au plafond hebdomadaire.",
    ),
  ).toBeVisible();
  expect(month).toHaveAttribute("aria-invalid", "true");
  const sent = (await mock
    .calls("PUT", "/api/v1/employers/7/policies/default/")[0]!
    .clone()
    .json()) as object;
  expect(sent).toMatchObject({
    days_per_week: "2",
    days_per_month: "1",
    allowed_weekdays: [4],
    allowed_departments: ["31"],
    may_pay_personally: false,
    company_share_percent: 100,
  });

  await user.clear(month);
  await user.type(month, "8");
  await user.click(screen.getByRole("button", { name: "Enregistrer la règle" }));
  expect(await screen.findByText("Règle enregistrée.")).toBeVisible();

  // A cost centre follows the company's policy until it gets its own.
  await user.selectOptions(screen.getByLabelText("Règle à modifier"), String(sales.id));
  const note = screen.getByText("Ventes suit la règle de l’entreprise.").closest("div")!;
  expect(within(note).getByRole("button", { name: "Définir une règle propre" })).toBeVisible();
}, 20_000);
