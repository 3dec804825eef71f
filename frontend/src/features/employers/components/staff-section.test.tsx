import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import { adminRoutes, employment, LAZY } from "../testing-fixtures";

test("an employee leaving is confirmed first, with the keyboard, saying what happens to bookings and credits", async () => {
  const user = userEvent.setup();
  let left = false;
  const mock = mockApi({
    ...adminRoutes,
    "GET /api/v1/employers/{employer_id}/employees/": () =>
      json([
        employment(left ? { status: "left", left_at: "2026-11-26T10:00:00Z" } : {}),
        employment({ id: 22, email: "bob@acme.fr", name: "", status: "invited", joined_at: null }),
      ]),
    "POST /api/v1/employers/{employer_id}/employees/{employment_id}/end/": () => {
      left = true;
      return json(employment({ status: "left" }));
    },
  });
  renderApp("/employeur/7/salaries");

  const row = await screen.findByRole("row", { name: /Ada Lovelace/ }, LAZY);
  expect(within(row).getByText("Actif·ve")).toBeVisible();
  expect(
    within(row).getByRole("combobox", { name: "Centre de coûts de Ada Lovelace" }),
  ).toHaveValue("");
  within(row).getByRole("button", { name: "Quitte l’entreprise" }).focus();
  await user.keyboard("{Enter}");
  const question = within(row).getByRole("group", { name: /Ada Lovelace quitte l’entreprise/ });
  expect(question).toHaveTextContent(
    "Ses réservations à venir payées par le forfait seront annulées et leurs crédits reviendront au forfait.",
  );
  expect(within(question).getByRole("button", { name: "Confirmer le départ" })).toHaveFocus();
  await user.keyboard("{Enter}");

  expect(await screen.findByText("Parti(e)")).toBeVisible();
  expect(mock.calls("POST", "/api/v1/employers/7/employees/21/end/")).toHaveLength(1);
  const invited = screen.getByRole("row", { name: /bob@acme\.fr/ });
  expect(
    within(invited).getByRole("button", { name: "Renvoyer l’invitation — bob@acme.fr" }),
  ).toBeVisible();
}, 20_000);

test("an invitation is sent with a cost centre; a refusal of the API is shown at the e-mail field", async () => {
  const user = userEvent.setup();
  const mock = mockApi({
    ...adminRoutes,
    "GET /api/v1/employers/{employer_id}/employees/": json([]),
    "POST /api/v1/employers/{employer_id}/employees/": json(
      {
        code: "already_invited",
        message: "Cette personne est déjà invitée. / This person is already invited.",
        fields: { email: ["Déjà invitée. / Already invited."] },
      },
      409,
    ),
  });
  renderApp("/employeur/7/salaries");

  const form = await screen.findByRole("form", { name: "Inviter un salarié" }, LAZY);
  await user.type(within(form).getByLabelText("Adresse e-mail professionnelle"), "ada@acme.fr");
  await user.selectOptions(within(form).getByLabelText("Centre de coûts"), "Ventes");
  await user.click(within(form).getByRole("button", { name: "Envoyer l’invitation" }));

  expect(await within(form).findByText("Déjà invitée.")).toBeVisible();
  expect(within(form).getByRole("alert")).toHaveTextContent("Cette personne est déjà invitée.");
  const sent = (await mock
    .calls("POST", "/api/v1/employers/7/employees/")[0]!
    .clone()
    .json()) as object;
  expect(sent).toEqual({ email: "ada@acme.fr", cost_centre: 11 });
  // The join link, limited to the domain, can be copied.
  expect(screen.getByLabelText("Adresse du lien d’inscription")).toHaveValue(
    `${window.location.origin}/rejoindre/tok123`,
  );
  expect(screen.getByText(/se termine par @acme\.fr/)).toBeVisible();
}, 20_000);

test("an admin is invited, not added: the same message for any address, the invitation listed without a name", async () => {
  const user = userEvent.setup();
  let invited = false;
  const mock = mockApi({
    ...adminRoutes,
    "GET /api/v1/employers/{employer_id}/employees/": json([]),
    "GET /api/v1/employers/{employer_id}/admin-invitations/": () =>
      json(
        invited ? [{ id: 3, email: "zoe@example.org", expires_at: "2026-12-20T10:00:00Z" }] : [],
      ),
    "POST /api/v1/employers/{employer_id}/admins/": () => {
      invited = true;
      return json(
        {
          email: "zoe@example.org",
          detail: "Invitation envoyée. / Invitation sent.",
        },
        202,
      );
    },
  });
  renderApp("/employeur/7/salaries");

  const form = await screen.findByRole("form", { name: "Inviter un administrateur" }, LAZY);
  await user.type(
    within(form).getByLabelText(/Adresse e-mail de la personne à inviter/),
    "zoe@example.org",
  );
  await user.click(within(form).getByRole("button", { name: "Inviter un administrateur" }));

  expect(
    await within(form).findByText(
      "Invitation envoyée à zoe@example.org. La personne deviendra administratrice en l’acceptant.",
    ),
  ).toBeVisible();
  expect(await screen.findByText("Invitations en attente")).toBeVisible();
  expect(screen.getByRole("button", { name: "Retirer l’invitation" })).toBeVisible();
  expect(mock.calls("POST", "/api/v1/employers/7/admins/")).toHaveLength(1);
}, 20_000);
