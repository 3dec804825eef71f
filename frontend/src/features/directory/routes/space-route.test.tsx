import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { coworkingDetail, services, truckDetail } from "@/testing/fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

function spaceApi() {
  return mockApi({
    "GET /api/v1/directory/services/": json(services),
    "GET /api/v1/directory/spaces/{slug}/": (_request, url) => {
      const slug = url.pathname.split("/").at(-2);
      if (slug === truckDetail.slug) return json(truckDetail);
      if (slug === coworkingDetail.slug) return json(coworkingDetail);
      return json({ code: "not_found", message: "Introuvable." }, 404);
    },
  });
}

describe("place page", () => {
  it("lists the next stops of an itinerant place, in date order and local time", async () => {
    spaceApi();
    renderApp("/lieux/le-camion-des-causses");

    expect(
      await screen.findByRole("heading", { level: 1, name: "Le Camion des Causses" }),
    ).toBeInTheDocument();
    const heading = screen.getByRole("heading", { level: 2, name: "Prochaines étapes" });
    const section = heading.closest("section") as HTMLElement;
    const stops = within(section).getAllByRole("listitem");
    expect(stops).toHaveLength(2);
    expect(stops[0]).toHaveTextContent("Lundi 7 décembre 2026");
    expect(stops[0]).toHaveTextContent("Marvejols (48)");
    expect(stops[0]).toHaveTextContent("09:30 – 17:30");
    expect(stops[0]).toHaveTextContent("Place du Foirail");
    expect(stops[1]).toHaveTextContent("Mardi 8 décembre 2026");
    expect(stops[1]).toHaveTextContent("Florac Trois Rivières (48)");
    expect(within(section).getByText(/Europe\/Paris/)).toBeInTheDocument();
    expect(
      within(section).getByRole("link", { name: "S’abonner aux étapes dans mon agenda" }),
    ).toHaveAttribute(
      "href",
      `webcal://${window.location.host}/ical/public/spaces/le-camion-des-causses/stops.ics`,
    );

    // The stops map: one keyboard-reachable marker per stop (no tile needed).
    expect(
      await within(section).findByRole("region", { name: "Carte des prochaines étapes" }),
    ).toBeInTheDocument();
    expect(
      await within(section).findByTitle("Marvejols, prochaine étape le 7 décembre 2026"),
    ).toBeInTheDocument();

    // Other sections of the place.
    expect(screen.getByText(/Causses Numériques/)).toBeInTheDocument();
    expect(screen.getByText(/Structure privée, association/)).toBeInTheDocument();
    expect(screen.getByText(/Un coworking sur roues/)).toBeInTheDocument();
    expect(
      screen.getByRole("img", { name: "Le camion garé sur une place de village" }),
    ).toBeInTheDocument();
    expect(screen.getByText("Fibre optique")).toBeInTheDocument();
    expect(
      screen.getByText(/Du jeudi 24 décembre 2026 au samedi 2 janvier 2027/),
    ).toBeInTheDocument();
  });

  it("switches the stops section to English", async () => {
    const user = userEvent.setup();
    spaceApi();
    renderApp("/lieux/le-camion-des-causses");
    await screen.findByRole("heading", { level: 2, name: "Prochaines étapes" });

    await user.click(screen.getByRole("button", { name: "English" }));

    const heading = await screen.findByRole("heading", { level: 2, name: "Next stops" });
    const stops = within(heading.closest("section") as HTMLElement).getAllByRole("listitem");
    expect(stops[0]).toHaveTextContent("Monday, 7 December 2026");
    expect(
      screen.getByText("A coworking space on wheels stopping in Lozère villages."),
    ).toBeInTheDocument();
    expect(
      screen.getByRole("img", { name: "The truck parked in a village square" }),
    ).toBeInTheDocument();
  });

  it("shows hours, resources and prices of a fixed place, without a stops section", async () => {
    spaceApi();
    renderApp("/lieux/la-cantine-toulouse");
    await screen.findByRole("heading", { level: 1, name: "La Cantine" });
    expect(screen.queryByRole("heading", { name: "Prochaines étapes" })).not.toBeInTheDocument();

    const hours = screen.getByRole("table", { name: "Horaires d’ouverture" });
    expect(within(hours).getByRole("row", { name: /Lundi/ })).toHaveTextContent(
      "09:00 – 12:30, 14:00 – 18:00",
    );
    expect(within(hours).getByRole("row", { name: /Mardi/ })).toHaveTextContent("Fermé");
    expect(screen.getByText(/fuseau Europe\/Paris/)).toBeInTheDocument();

    const resources = screen.getByRole("table", { name: "Espaces et postes" });
    expect(within(resources).getByRole("row", { name: /Salle Garonne/ })).toHaveTextContent(
      "Salle de réunion",
    );
    expect(within(resources).getByRole("row", { name: /Salle Garonne/ })).toHaveTextContent(
      "8 personnes",
    );
    const prices = screen.getByRole("table", { name: "Tarifs" });
    expect(within(prices).getByRole("row", { name: /Salle de réunion/ })).toHaveTextContent(
      /l’heure\s*25,00\s€\s*—/,
    );
    expect(within(prices).getByRole("columnheader", { name: "Prix membre" })).toBeInTheDocument();
    expect(within(prices).getByRole("row", { name: /Poste de travail/ })).toHaveTextContent(
      /la journée\s*15,00\s€\s*11,00\s€/,
    );
    expect(screen.getByText(/Prix membre : pour les abonné·es/)).toBeInTheDocument();
    // English description is empty: the French one is shown.
    expect(screen.getByRole("link", { name: "contact@cantine.example.org" })).toHaveAttribute(
      "href",
      "mailto:contact@cantine.example.org",
    );
  });

  it("passes the searched day and kind on to the booking page (issue 16, item 8)", async () => {
    spaceApi();
    renderApp(`/lieux/${coworkingDetail.slug}?date=2026-12-14&kind=meeting_room`);

    await screen.findByRole("heading", { level: 1, name: coworkingDetail.name });
    const book = screen.getByRole("link", { name: "Réserver un poste ou une salle" });
    expect(book).toHaveAttribute(
      "href",
      `/lieux/${coworkingDetail.slug}/reserver?date=2026-12-14&kind=meeting_room`,
    );
  });

  it("says when a place does not exist", async () => {
    spaceApi();
    renderApp("/lieux/nowhere");
    expect(
      await screen.findByRole("heading", { level: 1, name: "Ce lieu est introuvable." }),
    ).toBeInTheDocument();
  });
});
