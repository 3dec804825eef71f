import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import { anonymousSession, loggedInSession, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import { LAZY } from "../testing-fixtures";

test("a visitor invited to administer an employer logs in first and comes back", async () => {
  mockApi({
    "GET /_allauth/browser/v1/auth/session": anonymousSession,
    "GET /api/v1/me/": json({ detail: "Non authentifié." }, 403),
  });
  renderApp("/invitation-admin-employeur/tok9");
  expect(
    await screen.findByText(/Rien ne change tant que vous n’avez pas accepté/, {}, LAZY),
  ).toBeVisible();
  expect(await screen.findByText(/avec l’adresse qui a reçu l’invitation/)).toBeVisible();
  const links = screen.getAllByRole("link", { name: "Se connecter" });
  expect(links.map((link) => link.getAttribute("href"))).toContain(
    "/connexion?next=%2Finvitation-admin-employeur%2Ftok9",
  );
}, 20_000);

test("the invitee accepts; a refusal is read out, then the employer opens", async () => {
  const user = userEvent.setup();
  let attempts = 0;
  const mock = mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(),
    "GET /api/v1/me/": json(memberMe),
    "POST /api/v1/employer-admin-invitations/accept/": () => {
      attempts += 1;
      return attempts === 1
        ? json(
            {
              code: "invitation_other_email",
              message:
                "Cette invitation a été envoyée à une autre adresse e-mail. / This invitation was sent to another e-mail address.",
            },
            403,
          )
        : json({ employer_id: 7, employer_name: "Acme" });
    },
  });
  renderApp("/invitation-admin-employeur/tok9");
  const accept = await screen.findByRole("button", { name: "Accepter l’invitation" }, LAZY);
  await user.click(accept);
  expect(await screen.findByRole("alert")).toHaveTextContent(
    "Cette invitation a été envoyée à une autre adresse e-mail.",
  );
  await user.click(accept);
  expect(await screen.findByText("C’est fait : vous administrez Acme.")).toBeVisible();
  expect(screen.getByRole("link", { name: "Ouvrir le compte employeur" })).toHaveAttribute(
    "href",
    "/employeur/7/forfait",
  );
  const sent = (await mock
    .calls("POST", "/api/v1/employer-admin-invitations/accept/")[0]!
    .clone()
    .json()) as object;
  expect(sent).toEqual({ token: "tok9" });
}, 20_000);
