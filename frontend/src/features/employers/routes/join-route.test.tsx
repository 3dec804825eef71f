import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import { anonymousSession, loggedInSession, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import { LAZY } from "../testing-fixtures";

test("a visitor on a join link learns who it is for and logs in to come back", async () => {
  mockApi({
    "GET /_allauth/browser/v1/auth/session": anonymousSession,
    "GET /api/v1/me/": json({ detail: "Non authentifié." }, 403),
    "GET /api/v1/employer-join/{token}/": json({ employer_name: "Acme", email_domain: "acme.fr" }),
  });
  renderApp("/rejoindre/tok123");
  expect(
    await screen.findByText(/Acme offre le Pass télétravail à son personnel/, {}, LAZY),
  ).toBeVisible();
  expect(screen.getByText(/Jamais les lieux ni les dates de vos réservations/)).toBeVisible();
  const links = await screen.findAllByRole("link", { name: "Se connecter" });
  expect(links.map((link) => link.getAttribute("href"))).toContain(
    "/connexion?next=%2Frejoindre%2Ftok123",
  );
}, 20_000);

test("a closed join link says so", async () => {
  mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(),
    "GET /api/v1/me/": json(memberMe),
  });
  renderApp("/rejoindre/closed");
  expect(await screen.findByText("Lien non valable", {}, LAZY)).toBeVisible();
}, 20_000);

test("an invited employee accepts; a refusal of the API is read out", async () => {
  const user = userEvent.setup();
  let attempts = 0;
  mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(),
    "GET /api/v1/me/": json(memberMe),
    "POST /api/v1/employer-invitations/accept/": () => {
      attempts += 1;
      return attempts === 1
        ? json(
            {
              code: "invitation_other_email",
              message:
                "Cette invitation a été envoyée à une autre adresse. / This invitation was sent to another address.",
            },
            409,
          )
        : json({ employer_name: "Acme", email_domain: "acme.fr" });
    },
  });
  renderApp("/invitation-employeur/abc");
  const accept = await screen.findByRole("button", { name: "Accepter l’invitation" }, LAZY);
  expect(screen.getByText("Vous êtes connecté(e) avec lea@example.org.")).toBeVisible();
  await user.click(accept);
  expect(await screen.findByRole("alert")).toHaveTextContent(
    "Cette invitation a été envoyée à une autre adresse.",
  );
  await user.click(accept);
  expect(
    await screen.findByText("C’est fait : Acme prend en charge vos réservations selon ses règles."),
  ).toBeVisible();
}, 20_000);
