import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import type { Me } from "@/lib/api/types";
import { anonymousSession, loggedInSession, managerMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import type { Team } from "../api/team";

const LOADED = { timeout: 10_000 };
const cy = {
  id: 3,
  name: "Coopérative Cy",
  legal_form: "cooperative" as const,
  carrier_kind: "private" as const,
  managers: [managerMe.id],
  front_desk: [],
};
const team: Team = {
  operator_id: 3,
  operator_name: "Coopérative Cy",
  managers: [{ id: managerMe.id, email: managerMe.email, first_name: "Cy", last_name: "Martin" }],
  front_desk: [],
  invitations: [
    {
      id: 8,
      email: "lou@example.org",
      role: "manager",
      created_at: "2026-12-01T09:00:00Z",
      expires_at: "2026-12-08T09:00:00Z",
    },
  ],
};

function managerRoutes(me: Me = managerMe) {
  return {
    "GET /_allauth/browser/v1/auth/session": loggedInSession(me),
    "GET /api/v1/me/": json(me),
    "GET /api/v1/manage/operators/": json({ count: 1, next: null, previous: null, results: [cy] }),
    "GET /api/v1/manage/operators/{operator_id}/team/": json(team),
  } as const;
}

test("a manager invites a co-manager; a bad address is shown on its field, then the invitation is sent", async () => {
  const user = userEvent.setup();
  let attempts = 0;
  const mock = mockApi({
    ...managerRoutes(),
    "POST /api/v1/manage/operators/{operator_id}/team/invitations/": async (request) => {
      attempts += 1;
      const body = (await request.clone().json()) as { email: string; role: string };
      if (attempts === 1) {
        return json(
          {
            code: "invalid",
            message: "Saisissez une adresse e-mail valide. / Enter a valid email address.",
            fields: {
              email: ["Saisissez une adresse e-mail valide. / Enter a valid email address."],
            },
          },
          400,
        );
      }
      return json({ ...body, expires_at: "2026-12-15T09:00:00Z" }, 202);
    },
  });
  renderApp("/equipe/3");

  expect(
    await screen.findByRole("heading", { name: "Équipe de Coopérative Cy", level: 1 }, LOADED),
  ).toBeVisible();
  const managers = await screen.findByRole("table", { name: "Gestionnaires" }, LOADED);
  expect(within(managers).getByRole("rowheader", { name: /Cy Martin \(vous\)/ })).toBeVisible();
  expect(screen.getByRole("rowheader", { name: "lou@example.org" })).toBeVisible();

  const form = screen.getByRole("form", { name: "Inviter une personne" });
  await user.type(within(form).getByLabelText("Adresse e-mail"), "not-an-address");
  await user.selectOptions(within(form).getByLabelText("Rôle"), "front_desk");
  await user.click(within(form).getByRole("button", { name: "Envoyer l’invitation" }));
  const email = within(form).getByLabelText("Adresse e-mail");
  expect(await within(form).findByText("Saisissez une adresse e-mail valide.")).toBeVisible();
  expect(email).toHaveAttribute("aria-invalid", "true");

  await user.clear(email);
  await user.type(email, "fay@example.org");
  await user.click(within(form).getByRole("button", { name: "Envoyer l’invitation" }));
  expect(
    await screen.findByText(
      /Invitation envoyée à fay@example.org \(valable jusqu’au 15 décembre 2026\)/,
    ),
  ).toBeVisible();
  const sent = mock.calls("POST", "/api/v1/manage/operators/3/team/invitations/");
  expect(await sent[1]?.clone().json()).toEqual({ email: "fay@example.org", role: "front_desk" });
}, 20_000);

test("withdrawing an invitation asks first, then calls the API", async () => {
  const user = userEvent.setup();
  const mock = mockApi({
    ...managerRoutes(),
    "DELETE /api/v1/manage/operators/{operator_id}/team/invitations/{invitation_id}/": {
      status: 204,
    },
  });
  renderApp("/equipe/3");

  await user.click(
    await screen.findByRole("button", { name: "Retirer l’invitation : lou@example.org" }, LOADED),
  );
  expect(
    screen.getByText(
      "Retirer l’invitation envoyée à lou@example.org ? Son lien ne fonctionnera plus.",
    ),
  ).toBeVisible();
  expect(screen.getByRole("button", { name: "Confirmer" })).toHaveFocus();
  await user.click(screen.getByRole("button", { name: "Confirmer" }));
  expect(await screen.findByText("Invitation retirée.")).toBeVisible();
  expect(mock.calls("DELETE", "/api/v1/manage/operators/3/team/invitations/8/")).toHaveLength(1);
}, 20_000);

test("the invitation link: a visitor is asked to log in with the invited address and come back", async () => {
  mockApi({
    "GET /_allauth/browser/v1/auth/session": anonymousSession,
    "GET /api/v1/me/": json({ detail: "Non authentifié." }, 403),
    "GET /api/v1/team-invitations/{token}/": json({
      operator_name: "Coopérative Cy",
      role: "front_desk",
      state: "open",
      expires_at: "2026-12-15T09:00:00Z",
    }),
  });
  renderApp("/invitation-equipe/abc-123");

  expect(
    await screen.findByText(
      "Coopérative Cy vous invite à rejoindre son équipe sur Ostal, rôle : Accueil.",
      {},
      LOADED,
    ),
  ).toBeVisible();
  const main = screen.getByRole("main");
  expect(within(main).getByRole("link", { name: "Se connecter" })).toHaveAttribute(
    "href",
    "/connexion?next=%2Finvitation-equipe%2Fabc-123",
  );
  expect(within(main).getByRole("link", { name: "Créer un compte" })).toBeVisible();
}, 20_000);

test("the invitation link: logged in, the person accepts and is told where to go", async () => {
  const user = userEvent.setup();
  const fay: Me = { ...managerMe, id: 12, email: "fay@example.org", managed_operator_ids: [] };
  const mock = mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(fay),
    "GET /api/v1/me/": json(fay),
    "GET /api/v1/team-invitations/{token}/": json({
      operator_name: "Coopérative Cy",
      role: "front_desk",
      state: "open",
      expires_at: "2026-12-15T09:00:00Z",
    }),
    "POST /api/v1/team-invitations/accept/": json({
      operator_id: 3,
      operator_name: "Coopérative Cy",
      role: "front_desk",
    }),
  });
  renderApp("/invitation-equipe/abc-123");

  await user.click(await screen.findByRole("button", { name: "Accepter l’invitation" }, LOADED));
  expect(
    await screen.findByText("C’est fait : vous faites partie de l’équipe de Coopérative Cy."),
  ).toBeVisible();
  expect(screen.getByRole("link", { name: "Aller à l’accueil" })).toHaveAttribute(
    "href",
    "/accueil",
  );
  const [accept] = mock.calls("POST", "/api/v1/team-invitations/accept/");
  expect(await accept?.clone().json()).toEqual({ token: "abc-123" });
}, 20_000);

test("an expired invitation says so and offers no button", async () => {
  mockApi({
    "GET /_allauth/browser/v1/auth/session": anonymousSession,
    "GET /api/v1/me/": json({ detail: "Non authentifié." }, 403),
    "GET /api/v1/team-invitations/{token}/": json({
      operator_name: "Coopérative Cy",
      role: "manager",
      state: "expired",
      expires_at: "2026-11-15T09:00:00Z",
    }),
  });
  renderApp("/invitation-equipe/old");

  expect(
    await screen.findByText(
      "Cette invitation a expiré. Demandez à la structure de vous en envoyer une nouvelle.",
      {},
      LOADED,
    ),
  ).toBeVisible();
  expect(screen.queryByRole("button", { name: "Accepter l’invitation" })).toBeNull();
}, 20_000);
