import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  coworkingToulouse,
  departments,
  fablabFigeac,
  page,
  services,
  truckListItem,
} from "@/testing/fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

function directoryApi() {
  return mockApi({
    "GET /api/v1/directory/departments/": json(departments),
    "GET /api/v1/directory/services/": json(services),
    "GET /api/v1/directory/spaces/": (_request, url) => {
      const department = url.searchParams.get("department");
      const wanted = url.searchParams.get("services")?.split(",") ?? [];
      const all = [coworkingToulouse, fablabFigeac, truckListItem];
      const results = all.filter(
        (space) =>
          (!department || space.department_code === department) &&
          wanted.every((code) => space.services.includes(code)),
      );
      return json(page(results));
    },
    "GET /api/v1/me/": json({ code: "not_authenticated", message: "" }, 403),
    "GET /_allauth/browser/v1/auth/session": json(
      { status: 401, data: { flows: [] }, meta: { is_authenticated: false } },
      401,
    ),
  });
}

describe("directory page", () => {
  it("lists the results as links named after each place, with the count announced", async () => {
    directoryApi();
    renderApp("/");

    const status = await screen.findByText("3 lieux trouvés");
    expect(status).toHaveAttribute("role", "status");

    const truckLink = screen.getByRole("link", { name: "Le Camion des Causses" });
    expect(truckLink).toHaveAttribute("href", "/lieux/le-camion-des-causses");
    expect(screen.getByRole("link", { name: "La Cantine" })).toHaveAttribute(
      "href",
      "/lieux/la-cantine-toulouse",
    );

    const card = truckLink.closest("article");
    expect(card).not.toBeNull();
    const inCard = within(card as HTMLElement);
    expect(inCard.getByText("Tiers-lieu itinérant")).toBeInTheDocument();
    expect(inCard.getByText("Mende (48)")).toBeInTheDocument();
    // Intl fr-FR: decimal comma and a narrow no-break space before the euro sign.
    expect(inCard.getByText(/^Journée : 12,50\s€$/)).toBeInTheDocument();
    expect(inCard.getByText("Pass télétravail accepté")).toBeInTheDocument();
  });

  it("shows distances when sorted by proximity", async () => {
    mockApi({
      "GET /api/v1/directory/departments/": json(departments),
      "GET /api/v1/directory/services/": json(services),
      "GET /api/v1/directory/spaces/": json(
        page([
          { ...truckListItem, distance_km: 3.24 },
          { ...fablabFigeac, distance_km: 112.6 },
        ]),
      ),
    });
    renderApp("/?near_commune=48095&near_label=Mende");
    expect(await screen.findByText("2 lieux trouvés, triés par distance")).toBeInTheDocument();
    expect(screen.getByText("à 3,2 km")).toBeInTheDocument();
    expect(screen.getByText("à 113 km")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Près d’une commune" })).toHaveValue("Mende");
  });

  it("keeps the filters in the URL and follows the back button", async () => {
    const user = userEvent.setup();
    const api = directoryApi();
    const { router } = renderApp("/");
    await screen.findByText("3 lieux trouvés");

    // Accessible names the end-to-end test relies on.
    const department = screen.getByRole("combobox", { name: "Département" });
    await screen.findByRole("option", { name: "Lozère" });
    await user.selectOptions(department, "Lozère");
    expect(router.state.location.search).toBe("?department=48");
    expect(await screen.findByText("1 lieu trouvé")).toBeInTheDocument();

    await user.click(screen.getByRole("checkbox", { name: "Fibre optique" }));
    expect(router.state.location.search).toBe("?department=48&services=fibre");
    await waitFor(() => {
      const last = api.calls("GET", "/api/v1/directory/spaces/").at(-1);
      expect(new URL(last?.url ?? "http://x").searchParams.get("services")).toBe("fibre");
    });
    expect(screen.getByRole("link", { name: "Le Camion des Causses" })).toBeInTheDocument();

    await user.click(screen.getByRole("checkbox", { name: "Accepte le Pass télétravail" }));
    expect(router.state.location.search).toBe("?department=48&services=fibre&accepts_pass=true");

    await user.type(screen.getByRole("searchbox", { name: "Recherche libre" }), "camion");
    await user.click(screen.getByRole("button", { name: "Rechercher" }));
    expect(new URLSearchParams(router.state.location.search).get("q")).toBe("camion");

    // Back: the previous filters come back into the controls.
    await act(() => router.navigate(-1));
    await waitFor(() =>
      expect(screen.getByRole("searchbox", { name: "Recherche libre" })).toHaveValue(""),
    );
    await act(() => router.navigate(-1));
    await waitFor(() =>
      expect(
        screen.getByRole("checkbox", { name: "Accepte le Pass télétravail" }),
      ).not.toBeChecked(),
    );
    await act(() => router.navigate(-1));
    await waitFor(() =>
      expect(screen.getByRole("checkbox", { name: "Fibre optique" })).not.toBeChecked(),
    );
    expect(screen.getByRole("combobox", { name: "Département" })).toHaveValue("48");
  });

  it("restores the controls from a shared link", async () => {
    directoryApi();
    renderApp(
      "/?department=48&kind=itinerant&setting=rural&services=fibre,kitchen&base_set=true&open_on=2026-12-07",
    );
    expect(await screen.findByRole("option", { name: "Lozère" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Département" })).toHaveValue("48");
    expect(screen.getByRole("combobox", { name: "Type de lieu" })).toHaveValue("itinerant");
    expect(screen.getByRole("combobox", { name: "Environnement" })).toHaveValue("rural");
    expect(await screen.findByRole("checkbox", { name: "Fibre optique" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Cuisine partagée" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Stationnement" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Offre tout le socle de base" })).toBeChecked();
    expect(screen.getByLabelText("Ouvert le")).toHaveValue("2026-12-07");
  });

  it("explains filter errors sent back by the API", async () => {
    mockApi({
      "GET /api/v1/directory/departments/": json(departments),
      "GET /api/v1/directory/services/": json(services),
      "GET /api/v1/directory/spaces/": json(
        {
          code: "invalid",
          message: "Invalid filters.",
          fields: { near_commune: ["Unknown commune."] },
        },
        400,
      ),
    });
    renderApp("/?near_commune=99999");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Certains filtres ne sont pas valides");
    expect(alert).toHaveTextContent("Près d’une commune : Unknown commune.");
  });
});
