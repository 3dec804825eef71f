import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Booking, BookingCreateInput } from "@/lib/api/types";
import {
  booking,
  deskCalendar,
  loggedInSession,
  anonymousSession,
  memberMe,
  quote,
  wallet,
} from "@/testing/booking-fixtures";
import { coworkingDetail } from "@/testing/fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

const URL = "/lieux/la-cantine-toulouse/reserver?date=2026-11-27";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function api({
  loggedIn = true,
  requiresPayment = false,
  create = (): ReturnType<typeof json> => json(booking(), 201),
  extra = {},
}: {
  loggedIn?: boolean;
  requiresPayment?: boolean;
  create?: () => ReturnType<typeof json>;
  extra?: Parameters<typeof mockApi>[0];
} = {}) {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedIn ? loggedInSession() : anonymousSession,
    "GET /api/v1/me/": loggedIn
      ? json(memberMe)
      : json({ code: "not_authenticated", message: "" }, 403),
    "GET /api/v1/availability/spaces/{slug}/": json(deskCalendar(requiresPayment)),
    "GET /api/v1/directory/spaces/{slug}/": json(coworkingDetail),
    "GET /api/v1/billing/quote/": json({
      amount: "5.50",
      public_amount: "7.50",
      is_member_price: true,
      currency: "EUR",
      credits: "0.50",
      covered_by_subscription: false,
      credits_available: loggedIn ? "10.00" : null,
    }),
    "GET /api/v1/wallet/": json(wallet),
    "POST /api/v1/bookings/": create,
    ...extra,
  });
}

async function chooseFridayMorning(user: ReturnType<typeof userEvent.setup>) {
  await user.click(
    await screen.findByRole("button", {
      name: "Vendredi 27 novembre 2026, Matin : 4 postes libres",
    }),
  );
  return screen.findByRole("form", { name: "Votre réservation" });
}

describe("place booking flow", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T10:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("shows a week of free desks per day and half-day, in the place's local time", async () => {
    api();
    renderApp(URL);
    const table = await screen.findByRole("table", {
      name: "Disponibilités du lundi 23 novembre 2026 au dimanche 29 novembre 2026",
    });
    const monday = within(table).getByRole("row", { name: /Lun\. 23 nov\./ });
    // Monday is before "today" (the 25th): not bookable any more.
    expect(monday).toHaveTextContent("Passé");
    const friday = within(table).getByRole("row", { name: /Ven\. 27 nov\./ });
    expect(friday).toHaveTextContent("09:00 – 18:00");
    expect(
      within(friday).getByRole("button", { name: /Après-midi : Complet/ }),
    ).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: /Sam\. 28 nov\./ })).toHaveTextContent(
      "Fermé ce jour-là",
    );
    // The way back to the place keeps the day looked at (issue 16, item 8).
    expect(screen.getByRole("link", { name: /Retour/ })).toHaveAttribute(
      "href",
      "/lieux/la-cantine-toulouse?date=2026-11-27",
    );
    // The price of a desk here, before any slot is chosen (issue 16, item 8).
    expect(await screen.findByText(/^Prix public :/)).toHaveTextContent(
      "Prix public : 15,00 € la journée",
    );
  });

  it("books a slot once, with an Idempotency-Key, and shows the confirmation", async () => {
    const user = userEvent.setup();
    document.cookie = "csrftoken=tok123; path=/";
    const mock = api({
      create: () => json(booking({ part: "morning", end: "2026-11-27T12:00:00Z" }), 201),
    });
    renderApp(URL);

    const panel = await chooseFridayMorning(user);
    expect(panel).toHaveTextContent("Vendredi 27 novembre 2026");
    expect(panel).toHaveTextContent("09:00 – 13:00 (Matin)");
    // The server's quote: Ada's member price (and the public one), or credits.
    expect(await within(panel).findByText("Prix membre")).toBeInTheDocument();
    expect(panel).toHaveTextContent("5,50 € ou 0,5 crédit (prix public : 7,50 €)");
    expect(panel).toHaveTextContent("Vos crédits utilisables ici10");
    const [quoted] = mock.calls("GET", "/api/v1/billing/quote/");
    expect(Object.fromEntries(new globalThis.URL((quoted as Request).url).searchParams)).toEqual({
      space: "la-cantine-toulouse",
      kind: "desk",
      date: "2026-11-27",
      part: "morning",
    });
    expect(panel).toHaveTextContent(
      "Annulation sans frais jusqu’à 1 heure avant le début ; plus tard, c’est une annulation tardive",
    );
    const book = within(panel).getByRole("button", { name: "Réserver" });
    await user.dblClick(book);

    expect(await screen.findByText("Réservation confirmée")).toBeInTheDocument();
    const posts = mock.calls("POST", "/api/v1/bookings/");
    expect(posts).toHaveLength(1);
    const request = posts[0] as Request;
    expect(request.headers.get("Idempotency-Key")).toMatch(UUID);
    expect(request.headers.get("X-CSRFToken")).toBe("tok123");
    expect((await request.json()) as BookingCreateInput).toEqual({
      space: "la-cantine-toulouse",
      kind: "desk",
      date: "2026-11-27",
      attendees: 1,
      walk_up: false,
      part: "morning",
    });
    expect(
      screen.getByRole("img", { name: /QR code de votre réservation à La Cantine/ }),
    ).toHaveAttribute("src", "/api/v1/bookings/42/qr.svg");
    expect(screen.getByRole("link", { name: "Ajouter à mon agenda" })).toHaveAttribute(
      "href",
      "/api/v1/bookings/42/ics/",
    );
  });

  it("keeps the same key when retrying the same slot after a network failure", async () => {
    const user = userEvent.setup();
    let attempt = 0;
    const mock = api({
      create: () => {
        attempt += 1;
        if (attempt === 1) throw new TypeError("Failed to fetch");
        return json(booking(), 201);
      },
    });
    renderApp(URL);
    const panel = await chooseFridayMorning(user);
    await user.click(within(panel).getByRole("button", { name: "Réserver" }));
    expect(await within(panel).findByRole("alert")).toHaveTextContent("Le serveur ne répond pas.");
    await user.click(within(panel).getByRole("button", { name: "Réserver" }));
    await screen.findByText("Réservation confirmée");
    const keys = mock
      .calls("POST", "/api/v1/bookings/")
      .map((request) => request.headers.get("Idempotency-Key"));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it("shows the refusal in the current language only", async () => {
    const user = userEvent.setup();
    api({
      create: () =>
        json(
          {
            code: "slot_taken",
            message: "Ce créneau vient d'être pris. / This slot has just been taken.",
            fields: {},
          },
          409,
        ),
    });
    renderApp(URL);
    const panel = await chooseFridayMorning(user);
    await user.click(within(panel).getByRole("button", { name: "Réserver" }));
    const alert = await within(panel).findByRole("alert");
    expect(alert).toHaveTextContent("Ce créneau vient d'être pris.");
    expect(alert).not.toHaveTextContent("This slot");

    await user.click(screen.getByRole("button", { name: "English" }));
    expect(await within(panel).findByRole("alert")).toHaveTextContent(
      /^This slot has just been taken\.$/,
    );
  });

  it("holds a paid booking, counts down, pays with a credit, then confirms", async () => {
    const user = userEvent.setup();
    const held: Booking = booking({ status: "held", expires_at: "2026-11-25T10:15:00Z" });
    let paid = false;
    const mock = api({
      requiresPayment: true,
      create: () => json(held, 201),
      extra: {
        "GET /api/v1/billing/bookings/{booking_id}/quote/": json(quote),
        "POST /api/v1/billing/bookings/{booking_id}/checkout/": () => {
          paid = true;
          return json({
            booking_id: 42,
            booking_status: "confirmed",
            method: "credits",
            credits_spent: "1.00",
            payment: null,
          });
        },
        "GET /api/v1/bookings/{id}/": () => json(paid ? booking() : held),
      },
    });
    renderApp(`${URL}&part=day`);
    const panel = await screen.findByRole("form", { name: "Votre réservation" });
    expect(panel).toHaveTextContent("la place vous est gardée 15 minutes");
    await user.click(within(panel).getByRole("button", { name: "Réserver et payer" }));

    expect(await screen.findByRole("heading", { name: "Paiement", level: 2 })).toHaveFocus();
    expect(screen.getByRole("timer")).toHaveTextContent("Place gardée encore 15:00");
    expect(screen.getByRole("radio", { name: "Avec mes crédits" })).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Payer avec 1 crédit" }));

    expect(await screen.findByText("Réservation confirmée")).toBeInTheDocument();
    const [checkout] = mock.calls("POST", "/api/v1/billing/bookings/42/checkout/");
    expect(await (checkout as Request).json()).toEqual({
      method: "credits",
      payment_method: "",
      save_card: false,
    });
  });

  it("offers the waiting list when the slot is full", async () => {
    const user = userEvent.setup();
    const mock = api({
      extra: {
        "POST /api/v1/waitlist/": json(
          {
            id: 3,
            space: booking().space,
            resource_kind: "desk",
            date: "2026-11-27",
            part: "afternoon",
            status: "waiting",
            position: 2,
            offered_at: null,
            offer_expires_at: null,
            offered_booking: null,
            created_at: "2026-11-25T10:00:00Z",
          },
          201,
        ),
      },
    });
    renderApp(URL);
    await user.click(
      await screen.findByRole("button", {
        name: "Vendredi 27 novembre 2026, Après-midi : Complet",
      }),
    );
    const panel = await screen.findByRole("form", { name: "Votre réservation" });
    expect(within(panel).queryByRole("button", { name: "Réserver" })).not.toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Rejoindre la liste d’attente" }));
    expect(await within(panel).findByText(/position 2/)).toBeInTheDocument();
    const [join] = mock.calls("POST", "/api/v1/waitlist/");
    expect(await (join as Request).json()).toEqual({
      space: "la-cantine-toulouse",
      kind: "desk",
      date: "2026-11-27",
      part: "afternoon",
    });
  });

  it("asks a visitor to log in before booking", async () => {
    const user = userEvent.setup();
    api({ loggedIn: false });
    const { router } = renderApp(URL);
    const panel = await chooseFridayMorning(user);
    const login = await within(panel).findByRole("link", { name: "Se connecter" });
    expect(login.getAttribute("href")).toBe(
      `/connexion?next=${encodeURIComponent("/lieux/la-cantine-toulouse/reserver?date=2026-11-27&part=morning")}`,
    );
    expect(router.state.location.search).toContain("part=morning");
    await waitFor(() =>
      expect(within(panel).queryByRole("button", { name: "Réserver" })).not.toBeInTheDocument(),
    );
  });
});

describe("slots already over today look past (issue 16, item 2)", () => {
  afterEach(() => vi.useRealTimers());

  const friday = async () => {
    const table = await screen.findByRole("table", { name: /Disponibilités du lundi 23/ });
    return within(table).getByRole("row", { name: /Ven\. 27 nov\./ });
  };

  it("at 13:30 in Toulouse, the morning is over but the day and the afternoon are not", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-27T12:30:00Z")); // 13:30 in Paris
    api();
    renderApp(URL);

    const row = await friday();
    expect(within(row).queryByRole("button", { name: /Matin/ })).toBeNull();
    expect(within(row).getByRole("cell", { name: "Passé" })).toBeInTheDocument();
    expect(within(row).getByRole("button", { name: /Journée : 3 postes libres/ })).toBeEnabled();
    expect(within(row).getByRole("button", { name: /Après-midi : Complet/ })).toBeEnabled();
  });

  it("at 20:30, after closing, the whole day reads past with nothing to click", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-27T19:30:00Z")); // 20:30 in Paris, closed at 18:00
    api();
    renderApp(URL);

    const row = await friday();
    expect(row).toHaveTextContent("Passé");
    expect(row).not.toHaveTextContent("libres");
    expect(within(row).queryAllByRole("button")).toHaveLength(0);
  });

  it("a past slot kept in the address says so instead of offering to book it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-27T12:30:00Z"));
    api();
    renderApp(`${URL}&part=morning`);

    expect(await screen.findByText(/Ce créneau est déjà passé/)).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Votre réservation" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Réserver" })).toBeNull();
  });
});
