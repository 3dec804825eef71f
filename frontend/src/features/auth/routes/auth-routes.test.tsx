import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Me } from "@/lib/api/types";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

const anonymousSession = json(
  {
    status: 401,
    data: { flows: [{ id: "login" }, { id: "signup" }] },
    meta: { is_authenticated: false },
  },
  401,
);
const me: Me = {
  id: 7,
  email: "lea@example.org",
  first_name: "Léa",
  last_name: "Martin",
  language: "fr",
  is_network_admin: false,
  managed_operator_ids: [],
  front_desk_operator_ids: [],
};
const loggedInSession = json({
  status: 200,
  data: { user: { id: 7, email: "lea@example.org", display: "Léa" }, methods: [] },
  meta: { is_authenticated: true },
});

describe("authentication", () => {
  it("gets a CSRF cookie before logging in, sends it, then shows the user in the header", async () => {
    const user = userEvent.setup();
    let loggedIn = false;
    const api = mockApi({
      "GET /_allauth/browser/v1/auth/session": () => {
        // Django sets the CSRF cookie on the first GET.
        document.cookie = "csrftoken=tok123; path=/";
        return loggedIn ? loggedInSession : anonymousSession;
      },
      "POST /_allauth/browser/v1/auth/login": async (request) => {
        const body = (await request.json()) as { email: string; password: string };
        if (body.password !== "right") {
          return json(
            {
              status: 400,
              errors: [
                {
                  message: "Adresse e-mail ou mot de passe incorrect.",
                  code: "email_password_mismatch",
                  param: "password",
                },
              ],
            },
            400,
          );
        }
        loggedIn = true;
        return loggedInSession;
      },
      "GET /api/v1/me/": () =>
        loggedIn ? json(me) : json({ code: "not_authenticated", message: "" }, 403),
      "GET /api/v1/directory/departments/": json([]),
      "GET /api/v1/directory/services/": json([]),
      "GET /api/v1/directory/spaces/": json({ count: 0, next: null, previous: null, results: [] }),
    });
    renderApp("/connexion");

    await screen.findByRole("heading", { level: 1, name: "Connexion" });
    await user.type(screen.getByLabelText("Adresse e-mail"), "lea@example.org");
    await user.type(screen.getByLabelText("Mot de passe"), "wrong");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));
    expect(
      await screen.findByText("Adresse e-mail ou mot de passe incorrect."),
    ).toBeInTheDocument();
    expect(screen.getByLabelText("Mot de passe")).toHaveAttribute("aria-invalid", "true");

    await user.clear(screen.getByLabelText("Mot de passe"));
    await user.type(screen.getByLabelText("Mot de passe"), "right");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    await screen.findByRole("heading", { level: 1, name: "Trouver un tiers-lieu" });
    expect(await screen.findByText("lea@example.org")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Se déconnecter" })).toBeInTheDocument();

    const logins = api.calls("POST", "/_allauth/browser/v1/auth/login");
    expect(logins).toHaveLength(2);
    expect(logins[0]?.headers.get("X-CSRFToken")).toBe("tok123");
    expect(logins[1]?.headers.get("X-CSRFToken")).toBe("tok123");
    expect(logins[1]?.headers.get("Content-Type")).toBe("application/json");
    expect(logins[1]?.credentials).toBe("same-origin");
  });

  it("logs out with DELETE on the session", async () => {
    const user = userEvent.setup();
    let loggedIn = true;
    document.cookie = "csrftoken=tok456; path=/";
    const api = mockApi({
      "GET /_allauth/browser/v1/auth/session": () =>
        loggedIn ? loggedInSession : anonymousSession,
      "DELETE /_allauth/browser/v1/auth/session": () => {
        loggedIn = false;
        return anonymousSession;
      },
      "GET /api/v1/me/": () =>
        loggedIn ? json(me) : json({ code: "not_authenticated", message: "" }, 401),
    });
    renderApp("/compte");
    expect(
      await screen.findByRole("heading", { level: 1, name: "Mon compte" }),
    ).toBeInTheDocument();
    expect(await screen.findByText("Léa Martin")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Se déconnecter" }));
    expect(await screen.findByRole("link", { name: "Se connecter" })).toBeInTheDocument();
    const deletes = api.calls("DELETE", "/_allauth/browser/v1/auth/session");
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.headers.get("X-CSRFToken")).toBe("tok456");
  });

  it("signs up, then asks to check the mailbox", async () => {
    const user = userEvent.setup();
    document.cookie = "csrftoken=tok; path=/";
    const api = mockApi({
      "GET /_allauth/browser/v1/auth/session": anonymousSession,
      "GET /api/v1/me/": json({ code: "not_authenticated", message: "" }, 403),
      "POST /_allauth/browser/v1/auth/signup": json(
        {
          status: 401,
          data: { flows: [{ id: "verify_email", is_pending: true }] },
          meta: { is_authenticated: false },
        },
        401,
      ),
    });
    renderApp("/inscription");
    await user.type(await screen.findByLabelText("Adresse e-mail"), "new@example.org");
    await user.type(screen.getByLabelText("Mot de passe"), "a-long-password");
    await user.type(screen.getByLabelText("Confirmer le mot de passe"), "a-different-one");
    await user.click(screen.getByRole("button", { name: "Créer mon compte" }));
    expect(
      await screen.findByText("Les deux mots de passe ne correspondent pas."),
    ).toBeInTheDocument();
    expect(api.calls("POST", "/_allauth/browser/v1/auth/signup")).toHaveLength(0);

    await user.clear(screen.getByLabelText("Confirmer le mot de passe"));
    await user.type(screen.getByLabelText("Confirmer le mot de passe"), "a-long-password");
    await user.click(screen.getByRole("button", { name: "Créer mon compte" }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Vérifiez votre boîte mail" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/new@example\.org/)).toBeInTheDocument();
    const [signup] = api.calls("POST", "/_allauth/browser/v1/auth/signup");
    expect(await signup?.json()).toEqual({ email: "new@example.org", password: "a-long-password" });
  });

  it("confirms the email address from the link, once", async () => {
    document.cookie = "csrftoken=tok; path=/";
    const api = mockApi({
      "GET /_allauth/browser/v1/auth/session": anonymousSession,
      "GET /api/v1/me/": json({ code: "not_authenticated", message: "" }, 403),
      "POST /_allauth/browser/v1/auth/email/verify": loggedInSession,
    });
    renderApp("/account/verify-email/MQ:1abc:xyz");
    expect(
      await screen.findByText("Votre adresse e-mail est confirmée. Vous êtes connecté·e."),
    ).toBeInTheDocument();
    const calls = api.calls("POST", "/_allauth/browser/v1/auth/email/verify");
    expect(calls).toHaveLength(1);
    expect(await calls[0]?.json()).toEqual({ key: "MQ:1abc:xyz" });
  });

  it("says when a confirmation link is no longer valid", async () => {
    document.cookie = "csrftoken=tok; path=/";
    mockApi({
      "GET /_allauth/browser/v1/auth/session": anonymousSession,
      "POST /_allauth/browser/v1/auth/email/verify": json(
        {
          status: 400,
          errors: [{ message: "Invalid or expired key.", code: "invalid", param: "key" }],
        },
        400,
      ),
    });
    renderApp("/account/verify-email/bad");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Ce lien de confirmation est invalide ou a expiré.",
    );
  });

  it("requests a reset link, then sets a new password with the key", async () => {
    const user = userEvent.setup();
    document.cookie = "csrftoken=tok; path=/";
    const api = mockApi({
      "GET /_allauth/browser/v1/auth/session": anonymousSession,
      "GET /api/v1/me/": json({ code: "not_authenticated", message: "" }, 403),
      "POST /_allauth/browser/v1/auth/password/request": json({ status: 200 }),
      "POST /_allauth/browser/v1/auth/password/reset": anonymousSession,
    });
    const { router } = renderApp("/mot-de-passe-oublie");
    await user.type(await screen.findByLabelText("Adresse e-mail"), "lea@example.org");
    await user.click(screen.getByRole("button", { name: "Envoyer le lien" }));
    expect(
      await screen.findByText(/un lien de réinitialisation vient d’y être envoyé/),
    ).toBeInTheDocument();
    expect(
      await api.calls("POST", "/_allauth/browser/v1/auth/password/request")[0]?.json(),
    ).toEqual({
      email: "lea@example.org",
    });

    await act(() => router.navigate("/account/reset-password/key-42"));
    await user.type(await screen.findByLabelText("Nouveau mot de passe"), "new-password-1");
    await user.type(screen.getByLabelText("Confirmer le mot de passe"), "new-password-1");
    await user.click(screen.getByRole("button", { name: "Enregistrer le mot de passe" }));
    expect(
      await screen.findByText("Votre mot de passe est modifié. Vous pouvez vous connecter."),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(api.calls("POST", "/_allauth/browser/v1/auth/password/reset")).toHaveLength(1),
    );
    expect(await api.calls("POST", "/_allauth/browser/v1/auth/password/reset")[0]?.json()).toEqual({
      key: "key-42",
      password: "new-password-1",
    });
  });
});
