import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { loggedInSession, managerMe } from "@/testing/booking-fixtures";
import { services } from "@/testing/fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import type { ManagedPlace, ManagedPhoto } from "../api/place-setup";

const cantine: ManagedPlace = {
  id: 1,
  operator: 3,
  name: "La Cantine",
  slug: "la-cantine-toulouse",
  kind: "coworking",
  setting: "urban",
  commune: "31555",
  department_code: "31",
  latitude: 43.6,
  longitude: 1.44,
  timezone: "Europe/Paris",
  description_fr: "Un lieu.",
  description_en: "",
  phone: "05 00 00 00 00",
  services: ["wifi"],
  is_published: false,
  version: "2026-12-08T00:00:00.000001+00:00",
};

const photo: ManagedPhoto = {
  id: 7,
  url: "/media/spaces/2026/abc.jpg",
  alt_fr: "La grande salle",
  alt_en: "",
  position: 0,
  version: "2026-12-08T00:00:00.000002+00:00",
};

function api(patch: (body: Record<string, unknown>) => ReturnType<typeof json>) {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(managerMe),
    "GET /api/v1/me/": json(managerMe),
    "GET /api/v1/manage/spaces/": json({
      count: 1,
      next: null,
      previous: null,
      results: [cantine],
    }),
    "GET /api/v1/manage/spaces/{id}/": json(cantine),
    "GET /api/v1/directory/services/": json(services),
    "GET /api/v1/manage/spaces/{space_id}/photos/": json([photo]),
    "PATCH /api/v1/manage/spaces/{id}/": async (request) =>
      patch((await request.clone().json()) as Record<string, unknown>),
  });
}

describe("place setup", () => {
  it("saves the description from the version it was read at", async () => {
    const user = userEvent.setup();
    const mock = api((body) => json({ ...cantine, ...body, version: "v2" }));
    renderApp("/gestion/lieu?space=1");

    const form = await screen.findByRole("form", { name: "Présentation et contact" });
    expect(screen.getByText(/Brouillon : ce lieu et ses photos ne sont pas publics/)).toBeVisible();
    const english = within(form).getByLabelText("Description (anglais)");
    await user.type(english, "A place.");
    await user.click(within(form).getByRole("button", { name: "Enregistrer la présentation" }));

    expect(await within(form).findByText("Présentation enregistrée.")).toBeInTheDocument();
    const [request] = mock.calls("PATCH", "/api/v1/manage/spaces/1/");
    const sent = (await (request as Request).json()) as Record<string, unknown>;
    expect(sent.version).toBe(cantine.version);
    expect(sent.description_en).toBe("A place.");
  });

  it("shows the other manager's values on a 409 instead of overwriting them", async () => {
    const user = userEvent.setup();
    const current = { ...cantine, phone: "05 11 11 11 11", version: "v3" };
    api(() =>
      json(
        {
          code: "stale_version",
          message: "Quelqu'un d'autre a enregistré / Someone else saved",
          fields: {},
          current,
        },
        409,
      ),
    );
    renderApp("/gestion/lieu?space=1");

    const form = await screen.findByRole("form", { name: "Présentation et contact" });
    const phone = within(form).getByLabelText("Téléphone");
    await user.clear(phone);
    await user.type(phone, "05 99 99 99 99");
    await user.click(within(form).getByRole("button", { name: "Enregistrer la présentation" }));

    expect(await within(form).findByRole("alert")).toHaveTextContent(
      "Quelqu’un d’autre a modifié cette section entre-temps.",
    );
    expect(within(form).getByLabelText("Téléphone")).toHaveValue("05 11 11 11 11");
  });

  it("lists the photos in order with their alternative text", async () => {
    api(() => json(cantine));
    renderApp("/gestion/lieu?space=1");

    const list = await screen.findByRole("list", {
      name: "Photos du lieu, dans l’ordre d’affichage",
    });
    expect(within(list).getByRole("img", { name: "La grande salle" })).toBeInTheDocument();
    expect(within(list).getByText(/Photo 1 sur 1 — Couverture/)).toBeInTheDocument();
    expect(
      within(list).getByRole("button", { name: "Monter la photo « La grande salle »" }),
    ).toBeDisabled();
  });
});
