import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { booking, loggedInSession, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

describe("check-in from the place's QR code", () => {
  it("checks the member in once and shows the booking", async () => {
    const mock = mockApi({
      "GET /_allauth/browser/v1/auth/session": loggedInSession(),
      "GET /api/v1/me/": json(memberMe),
      "POST /api/v1/bookings/check-in/": json(
        booking({ status: "checked_in", checked_in_at: "2026-11-27T08:05:00Z" }),
      ),
    });
    renderApp("/checkin/abc123");
    expect(await screen.findByText("Présence validée")).toBeInTheDocument();
    expect(screen.getByText("Bienvenue à La Cantine !")).toBeInTheDocument();
    const calls = mock.calls("POST", "/api/v1/bookings/check-in/");
    expect(calls).toHaveLength(1);
    expect(await (calls[0] as Request).json()).toEqual({ token: "abc123" });
  });

  it("says why a check-in is refused", async () => {
    mockApi({
      "GET /_allauth/browser/v1/auth/session": loggedInSession(),
      "GET /api/v1/me/": json(memberMe),
      "POST /api/v1/bookings/check-in/": json(
        {
          code: "check_in_nothing_to_check_in",
          message:
            "Aucune réservation à valider maintenant dans ce lieu. / No booking to check in at this place now.",
          fields: {},
        },
        409,
      ),
    });
    renderApp("/checkin/abc123");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Présence non validée");
    expect(alert).toHaveTextContent("Aucune réservation à valider maintenant dans ce lieu.");
    expect(alert).not.toHaveTextContent("No booking");
  });
});
