import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { anonymousSession, loggedInSession, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import type { CalendarFeed, IssuedFeed } from "../api/types";

const feed: CalendarFeed = {
  id: 5,
  kind: "member",
  name: "Mes réservations Ostal",
  space: null,
  resource: null,
  created_at: "2026-11-20T10:00:00Z",
  last_used_at: null,
};

const issued = (token: string): IssuedFeed => ({
  ...feed,
  url: `https://ostal.example.org/ical/${token}.ics`,
  webcal_url: `webcal://ostal.example.org/ical/${token}.ics`,
});

function memberApi(feeds: () => CalendarFeed[], extra = {}) {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(),
    "GET /api/v1/me/": json(memberMe),
    "GET /api/v1/calendar-feeds/": () => json(feeds()),
    ...extra,
  });
}

/** A member without a feed opens Mon agenda and creates one (its token: "tok1"). */
async function createdFeed(user: ReturnType<typeof userEvent.setup>) {
  let feeds: CalendarFeed[] = [];
  const mock = memberApi(() => feeds, {
    "POST /api/v1/calendar-feeds/": () => {
      feeds = [feed];
      return json(issued("tok1"), 201);
    },
  });
  renderApp("/mon-agenda");
  await user.click(await screen.findByRole("button", { name: "Créer mon adresse d'abonnement" }));
  return mock;
}

describe("Mon agenda", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-26T09:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("is in the user menu of a logged-in member", async () => {
    memberApi(() => []);
    renderApp("/mon-agenda");
    await screen.findByText("Vous n'avez pas encore d'adresse d'abonnement.");
    const nav = screen.getByRole("navigation", { name: "Navigation principale" });
    expect(await within(nav).findByRole("link", { name: "Mon agenda" })).toHaveAttribute(
      "href",
      "/mon-agenda",
    );
  });

  it("asks a visitor to log in", async () => {
    mockApi({
      "GET /_allauth/browser/v1/auth/session": anonymousSession,
      "GET /api/v1/me/": json({ detail: "Not authenticated" }, 403),
    });
    renderApp("/mon-agenda");
    const main = await screen.findByRole("main");
    expect(await within(main).findByRole("link", { name: "Se connecter" })).toHaveAttribute(
      "href",
      "/connexion?next=%2Fmon-agenda",
    );
  });

  it("creates the feed and shows its webcal and https addresses once, with how-tos", async () => {
    const user = userEvent.setup();
    const mock = await createdFeed(user);

    expect(await screen.findByLabelText("Lien d'abonnement (webcal://)")).toHaveValue(
      "webcal://ostal.example.org/ical/tok1.ics",
    );
    expect(screen.getByLabelText("Adresse https")).toHaveValue(
      "https://ostal.example.org/ical/tok1.ics",
    );
    expect(screen.getByRole("link", { name: "S'abonner dans mon agenda" })).toHaveAttribute(
      "href",
      "webcal://ostal.example.org/ical/tok1.ics",
    );
    expect(screen.getByText(/^Google Agenda/)).toBeInTheDocument();
    expect(screen.getByText(/^Outlook :/)).toBeInTheDocument();
    expect(screen.getByText(/^Apple Calendrier/)).toBeInTheDocument();
    expect(screen.getByText(/^Thunderbird :/)).toBeInTheDocument();
    const [post] = mock.calls("POST", "/api/v1/calendar-feeds/");
    expect(await (post as Request).json()).toEqual({ kind: "member" });
  });

  it("copies an address and says so", async () => {
    const user = userEvent.setup();
    const writeText = vi.fn().mockResolvedValue(undefined);
    await createdFeed(user);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const field = (await screen.findByLabelText("Adresse https")).closest(".field") as HTMLElement;
    await user.click(within(field).getByRole("button", { name: "Copier" }));

    expect(writeText).toHaveBeenCalledWith("https://ostal.example.org/ical/tok1.ics");
    expect(await within(field).findByText("Copié")).toBeInTheDocument();
  });

  it("hides the address of an existing feed and regenerates it after confirmation", async () => {
    const user = userEvent.setup();
    const mock = memberApi(() => [feed], {
      "POST /api/v1/calendar-feeds/{id}/regenerate/": json(issued("tok2")),
    });
    renderApp("/mon-agenda");
    expect(await screen.findByText(/n'est montrée qu'une fois/)).toBeInTheDocument();
    expect(screen.queryByLabelText("Adresse https")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Générer une nouvelle adresse" }));
    const ask = screen.getByRole("group", { name: /cessera de fonctionner tout de suite/ });
    expect(within(ask).getByRole("button", { name: "Confirmer" })).toHaveFocus();
    expect(mock.calls("POST", "/api/v1/calendar-feeds/5/regenerate/")).toHaveLength(0);
    await user.click(within(ask).getByRole("button", { name: "Confirmer" }));

    expect(await screen.findByLabelText("Adresse https")).toHaveValue(
      "https://ostal.example.org/ical/tok2.ics",
    );
    expect(mock.calls("POST", "/api/v1/calendar-feeds/5/regenerate/")).toHaveLength(1);
  });

  it("revokes only once confirmed, then offers to create a new one", async () => {
    const user = userEvent.setup();
    let feeds = [feed];
    const mock = memberApi(() => feeds, {
      "DELETE /api/v1/calendar-feeds/{id}/": () => {
        feeds = [];
        return { status: 204 };
      },
    });
    renderApp("/mon-agenda");
    await user.click(await screen.findByRole("button", { name: "Supprimer l'abonnement" }));
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    expect(mock.calls("DELETE", "/api/v1/calendar-feeds/5/")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Supprimer l'abonnement" }));
    await user.click(screen.getByRole("button", { name: "Confirmer" }));

    expect(
      await screen.findByText("Abonnement supprimé : l'adresse ne fonctionne plus."),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole("button", { name: "Créer mon adresse d'abonnement" }),
    ).toBeInTheDocument();
    expect(mock.calls("DELETE", "/api/v1/calendar-feeds/5/")).toHaveLength(1);
  });
});
