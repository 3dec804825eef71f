import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CancellationTerms } from "@/lib/api/types";
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

let terms: CancellationTerms | null = null;

/** The cancellation terms the API answers next (on time by default). */
function setTerms(value: CancellationTerms) {
  terms = value;
}

function api(bookings = [springBooking], extra: Parameters<typeof mockApi>[0] = {}) {
  let cancelled = false;
  terms = null;
  const mock = mockApi({
    ...extra,
    "GET /api/v1/billing/bookings/{booking_id}/cancellation/": () =>
      json(
        terms ?? {
          deadline: "2026-03-29T06:00:00Z",
          is_late: false,
          has_started: false,
          refund_percent: 100,
          currency: "EUR",
          paid_amount: "0.00",
          refund_amount: "0.00",
          credits_spent: "1.00",
          credits_returned: true,
        },
      ),
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

const lateTerms: CancellationTerms = {
  deadline: "2026-03-29T06:00:00Z",
  is_late: true,
  has_started: false,
  refund_percent: 50,
  currency: "EUR",
  paid_amount: "18.00",
  refund_amount: "9.00",
  credits_spent: "1.00",
  credits_returned: false,
};

describe("late cancellation", () => {
  it("shows what is lost, then cancels as a late cancellation", async () => {
    const user = userEvent.setup();
    const mock = api();
    setTerms(lateTerms);
    renderApp("/mes-reservations");
    const card = await screen.findByRole("article", { name: /Dimanche 29 mars 2026/ });

    await user.click(within(card).getByRole("button", { name: "Annuler" }));
    const confirm = within(card).getByRole("group", { name: "Annuler cette réservation ?" });
    expect(await within(confirm).findByText(/sur les 18,00 € payés par carte/)).toBeVisible();
    await user.click(within(confirm).getByRole("button", { name: "Oui, annuler quand même" }));

    expect(await within(card).findByText("Réservation annulée.")).toBeInTheDocument();
    const [request] = mock.calls("POST", "/api/v1/bookings/51/cancel/");
    expect(await (request as Request).json()).toEqual({ late: true });
  });

  it("offers no cancellation once the booking has started", async () => {
    const user = userEvent.setup();
    const mock = api();
    setTerms({ ...lateTerms, has_started: true });
    renderApp("/mes-reservations");
    const card = await screen.findByRole("article", { name: /Dimanche 29 mars 2026/ });

    await user.click(within(card).getByRole("button", { name: "Annuler" }));
    const confirm = within(card).getByRole("group", { name: "Annuler cette réservation ?" });
    expect(await within(confirm).findByText(/a commencé/)).toBeInTheDocument();
    expect(within(confirm).queryByRole("button", { name: /Oui, annuler/ })).toBeNull();
    expect(mock.calls("POST", "/api/v1/bookings/51/cancel/")).toHaveLength(0);
  });
});

describe("cancellation warning", () => {
  it("says cancelling is free before the deadline (local time)", () => {
    render(<CancelWarning booking={springBooking} now={new Date("2026-03-28T18:00:00Z")} />);
    expect(
      screen.getByText(/Annulation sans frais jusqu’au 29 mars 2026, 08:00/),
    ).toBeInTheDocument();
  });

  it("warns it is a late cancellation while the terms load", () => {
    render(<CancelWarning booking={springBooking} now={new Date("2026-03-29T06:30:00Z")} />);
    expect(
      screen.getByText(
        "Le délai d’annulation est dépassé (il courait jusqu’au 29 mars 2026, 08:00).",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/C’est une annulation tardive/)).toBeInTheDocument();
  });

  it("says what a late cancellation loses: part of the card payment, the credits", () => {
    render(<CancelWarning booking={springBooking} terms={lateTerms} />);
    expect(
      screen.getByText(
        "Vous serez remboursé·e de 9,00 € sur les 18,00 € payés par carte (50 %), avec un avoir.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText("Les crédits utilisés (1) ne vous seront pas rendus."),
    ).toBeInTheDocument();
  });

  it("says when nothing of the card payment comes back", () => {
    render(
      <CancelWarning
        booking={springBooking}
        terms={{ ...lateTerms, refund_percent: 0, refund_amount: "0.00", credits_spent: "0.00" }}
      />,
    );
    expect(
      screen.getByText("Les 18,00 € payés par carte ne vous seront pas remboursés."),
    ).toBeInTheDocument();
    expect(screen.queryByText(/crédits utilisés/)).not.toBeInTheDocument();
  });

  it("says an unpaid booking only releases the place", () => {
    render(<CancelWarning booking={booking({ status: "held" })} />);
    expect(screen.getByText(/pas encore payée/)).toBeInTheDocument();
  });
});

describe("a confirmed booking of an employee", () => {
  it("can be paid by the employer from the booking card", async () => {
    const user = userEvent.setup();
    const later = booking({
      id: 61,
      date: "2031-03-27",
      part: "day",
      start: "2031-03-27T08:00:00Z",
      end: "2031-03-27T16:00:00Z",
      cancellation_deadline: "2031-03-27T07:00:00Z",
    });
    const mock = api([later], {
      "GET /api/v1/me/employer/": json({
        employer_name: "Acme",
        cost_centre: null,
        week: { limit: null, used: "0.0", left: null },
        month: { limit: null, used: "0.0", left: null },
        bundle_available: true,
        policy: { id: 1, cost_centre: null, company_share_percent: 100, may_pay_personally: true },
      }),
      "GET /api/v1/me/employer/eligibility/": json({
        eligible: true,
        already_paid: false,
        code: null,
        message: null,
        may_pay_personally: true,
        company_share_percent: 100,
        employee_share_credits: "0.00",
        employee_share_amount: "0.00",
        currency: "EUR",
      }),
      "POST /api/v1/me/employer/checkout/": json({
        booking_id: 61,
        booking_status: "confirmed",
        company_credits: "1.00",
        employee_credits: "0.00",
        employee_amount: "0.00",
        payment: null,
      }),
    });
    renderApp("/mes-reservations");
    const card = await screen.findByRole("article", { name: /27 mars 2031/ });

    await user.click(
      await within(card).findByRole("button", { name: "Faire payer par mon employeur" }),
    );
    await user.click(await within(card).findByRole("button", { name: "Confirmer, payé par Acme" }));

    expect(await within(card).findByText("Votre employeur paie cette réservation.")).toBeVisible();
    expect(mock.calls("POST", "/api/v1/me/employer/checkout/")).toHaveLength(1);
  });
});
