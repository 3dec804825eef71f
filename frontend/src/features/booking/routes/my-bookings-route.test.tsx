import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { booking, loggedInSession, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import { CancelWarning } from "../components/booking-card";

/** A booking on the morning summer time starts in Paris: 07:00Z is 09:00 there. */
const springBooking = booking({
  id: 51,
  date: "2026-03-29",
  part: "morning",
  start: "2026-03-29T07:00:00Z",
  end: "2026-03-29T11:00:00Z",
  cancellation_deadline: "2026-03-29T06:00:00Z",
  qr_code_url: "/api/v1/bookings/51/qr.svg",
});

function api(bookings = [springBooking]) {
  let cancelled = false;
  const mock = mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(),
    "GET /api/v1/me/": json(memberMe),
    "GET /api/v1/bookings/": () =>
      json({
        count: bookings.length,
        next: null,
        previous: null,
        results: bookings.map((b) => (cancelled ? { ...b, status: "cancelled" } : b)),
      }),
    "GET /api/v1/waitlist/": json([]),
    "POST /api/v1/bookings/{id}/cancel/": () => {
      cancelled = true;
      return json({ ...springBooking, status: "cancelled" });
    },
  });
  return mock;
}

describe("my bookings", () => {
  it("shows each booking in the place's time zone, across the DST change", async () => {
    api();
    renderApp("/mes-reservations");
    const card = await screen.findByRole("article", { name: /Dimanche 29 mars 2026/ });
    expect(card).toHaveAccessibleName("Dimanche 29 mars 2026, 09:00 – 13:00");
    expect(card).toHaveTextContent("La Cantine");
    expect(card).toHaveTextContent("Confirmée");
    expect(card).toHaveTextContent(
      "Annulation ou modification possible jusqu’au 29 mars 2026, 08:00.",
    );
    expect(within(card).getByRole("link", { name: "Ajouter à mon agenda" })).toHaveAttribute(
      "href",
      "/api/v1/bookings/51/ics/",
    );
  });

  it("shows the QR code, then cancels after a confirmation", async () => {
    const user = userEvent.setup();
    const mock = api();
    renderApp("/mes-reservations");
    const card = await screen.findByRole("article", { name: /Dimanche 29 mars 2026/ });

    await user.click(within(card).getByRole("button", { name: "QR code" }));
    expect(within(card).getByRole("img", { name: /QR code de votre réservation/ })).toHaveAttribute(
      "src",
      "/api/v1/bookings/51/qr.svg",
    );

    await user.click(within(card).getByRole("button", { name: "Annuler" }));
    const confirm = within(card).getByRole("group", { name: "Annuler cette réservation ?" });
    await user.click(within(confirm).getByRole("button", { name: "Oui, annuler" }));

    expect(await within(card).findByText("Réservation annulée.")).toBeInTheDocument();
    expect(mock.calls("POST", "/api/v1/bookings/51/cancel/")).toHaveLength(1);
    expect(await within(card).findByText("Annulée")).toBeInTheDocument();
  });

  it("asks a visitor to log in", async () => {
    mockApi({
      "GET /api/v1/me/": json({ code: "not_authenticated", message: "" }, 403),
    });
    renderApp("/mes-reservations");
    await screen.findByText("Connectez-vous pour voir vos réservations.");
    const main = screen.getByRole("main");
    expect(within(main).getByRole("link", { name: "Se connecter" })).toHaveAttribute(
      "href",
      "/connexion?next=%2Fmes-reservations",
    );
  });
});

describe("cancellation warning", () => {
  it("says cancelling is free before the deadline (local time)", () => {
    render(<CancelWarning booking={springBooking} now={new Date("2026-03-28T18:00:00Z")} />);
    expect(
      screen.getByText(/Annulation sans frais jusqu’au 29 mars 2026, 08:00/),
    ).toBeInTheDocument();
  });

  it("warns what the place keeps after the deadline", () => {
    render(<CancelWarning booking={springBooking} now={new Date("2026-03-29T06:30:00Z")} />);
    expect(
      screen.getByText(
        "Le délai d’annulation est dépassé (il courait jusqu’au 29 mars 2026, 08:00).",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Le lieu conserve les crédits utilisés et le montant payé/),
    ).toBeInTheDocument();
  });

  it("says an unpaid booking only releases the place", () => {
    render(<CancelWarning booking={booking({ status: "held" })} />);
    expect(screen.getByText(/pas encore payée/)).toBeInTheDocument();
  });
});
