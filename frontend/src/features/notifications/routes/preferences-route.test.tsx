import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import i18n from "@/lib/i18n";
import { anonymousSession, loggedInSession, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import type { NotificationPreferences } from "../api/preferences";

/** The first render loads the page's code on demand: slower on a busy machine. */
const LOADED = { timeout: 10_000 };

const defaults: NotificationPreferences = {
  booking_reminders: true,
  day_reminder: "evening_before",
  day_reminder_hours: 24,
  room_reminder_minutes: 60,
  credits_expiring: true,
  renewal_upcoming: true,
  admin_summaries: true,
};

function memberApi(saved: (body: Record<string, unknown>) => ReturnType<typeof json>) {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(),
    "GET /api/v1/me/": json(memberMe),
    "GET /api/v1/notifications/preferences/": json(defaults),
    "PATCH /api/v1/notifications/preferences/": async (request) =>
      saved((await request.json()) as Record<string, unknown>),
  });
}

describe("Mes e-mails et rappels", { timeout: 30_000 }, () => {
  it("is linked from the account page", async () => {
    memberApi(() => json(defaults));
    const { router } = renderApp("/compte");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("link", { name: /Mes e-mails et rappels/ }, LOADED));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Mes e-mails et rappels" }, LOADED),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/compte/notifications");
  });

  it("shows the current choices and saves a lead time of a few hours", async () => {
    const sent: Record<string, unknown>[] = [];
    memberApi((body) => {
      sent.push(body);
      return json({ ...defaults, ...body });
    });
    renderApp("/compte/notifications");
    const user = userEvent.setup();

    const reminders = await screen.findByRole("group", { name: "Rappels de réservation" }, LOADED);
    expect(within(reminders).getByRole("checkbox", { name: /rappel avant chaque/ })).toBeChecked();
    expect(screen.getByRole("radio", { name: "La veille à 18 h (heure du lieu)" })).toBeChecked();
    // No admin summaries for a member.
    expect(screen.queryByRole("checkbox", { name: /rapprochement/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: "Quelques heures avant le début" }));
    const hours = screen.getByRole("spinbutton", { name: "Nombre d’heures avant le début" });
    await user.clear(hours);
    await user.type(hours, "3");
    await user.click(screen.getByRole("checkbox", { name: "Mes crédits vont bientôt expirer" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer mes choix" }));

    expect(await screen.findByText(/Vos choix sont enregistrés/, {}, LOADED)).toHaveAttribute(
      "role",
      "status",
    );
    expect(sent).toEqual([
      {
        booking_reminders: true,
        day_reminder: "hours_before",
        day_reminder_hours: 3,
        room_reminder_minutes: 60,
        credits_expiring: false,
        renewal_upcoming: true,
      },
    ]);
  });

  it("turns reminders off, which disables their lead times", async () => {
    memberApi((body) => json({ ...defaults, ...body }));
    renderApp("/compte/notifications");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("checkbox", { name: /rappel avant chaque/ }, LOADED));

    expect(screen.getByRole("radio", { name: "La veille à 18 h (heure du lieu)" })).toBeDisabled();
    expect(screen.getByRole("spinbutton", { name: /minutes avant le début/ })).toBeDisabled();
  });

  it("shows the server's message next to a lead time it refuses", async () => {
    memberApi(() =>
      json(
        {
          code: "invalid",
          message: "Données invalides.",
          fields: {
            room_reminder_minutes: [
              "Assurez-vous que cette valeur est inférieure ou égale à 2880.",
            ],
          },
        },
        400,
      ),
    );
    renderApp("/compte/notifications");
    const user = userEvent.setup();

    const minutes = await screen.findByRole(
      "spinbutton",
      { name: /minutes avant le début/ },
      LOADED,
    );
    await user.clear(minutes);
    await user.type(minutes, "9999");
    await user.click(screen.getByRole("button", { name: "Enregistrer mes choix" }));

    expect(await screen.findByText(/inférieure ou égale à 2880/)).toBeInTheDocument();
    expect(minutes).toHaveAttribute("aria-invalid", "true");
  });

  it("asks a visitor to log in", async () => {
    mockApi({
      "GET /_allauth/browser/v1/auth/session": anonymousSession,
      "GET /api/v1/me/": json({ code: "not_authenticated", message: "" }, 403),
    });
    renderApp("/compte/notifications");
    expect(
      await screen.findByText("Connectez-vous pour choisir vos e-mails.", {}, LOADED),
    ).toBeInTheDocument();
  });

  it("speaks English", async () => {
    await i18n.changeLanguage("en");
    try {
      mockApi({
        "GET /_allauth/browser/v1/auth/session": loggedInSession({
          ...memberMe,
          is_network_admin: true,
        }),
        "GET /api/v1/me/": json({ ...memberMe, is_network_admin: true }),
        "GET /api/v1/notifications/preferences/": json(defaults),
      });
      renderApp("/compte/notifications");
      expect(
        await screen.findByRole("group", { name: "Booking reminders" }, LOADED),
      ).toBeInTheDocument();
      // A network admin may turn the daily reconciliation summary off.
      expect(screen.getByRole("checkbox", { name: /reconciliation/ })).toBeChecked();
    } finally {
      await i18n.changeLanguage("fr");
    }
  });
});
