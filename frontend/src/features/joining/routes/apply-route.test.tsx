import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { anonymousSession } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

/** The first render loads the page's code on demand: slower on a busy machine. */
const LOADED = { timeout: 10_000 };

function applyApi(answer: () => ReturnType<typeof json>) {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": anonymousSession,
    "GET /api/v1/directory/services/": json([
      {
        code: "fibre",
        name_fr: "Fibre optique",
        name_en: "Fibre",
        category: "connectivity",
        is_base: true,
      },
      { code: "wifi", name_fr: "Wi-Fi", name_en: "Wi-Fi", category: "connectivity", is_base: true },
    ]),
    "GET /api/v1/directory/communes/": json([
      { insee_code: "48095", name: "Mende", department_code: "48", latitude: 44.5, longitude: 3.5 },
    ]),
    "POST /api/v1/joining/applications/": answer,
  });
}

async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole("radio", { name: "un projet" }, LOADED));
  await user.click(screen.getByRole("radio", { name: "création" }));
  await user.type(screen.getByLabelText("Nom de la structure *"), "Les Causses Connectées");
  await user.selectOptions(screen.getByLabelText("Forme juridique *"), "association");
  await user.selectOptions(screen.getByLabelText("Nature *"), "private");
  await user.type(screen.getByLabelText("Nom du lieu ou du projet *"), "La Grange numérique");
  await user.selectOptions(screen.getByLabelText("Type de lieu *"), "rural_multiservice");
  await user.type(screen.getByRole("combobox", { name: "Commune *" }), "Mend");
  await user.click(await screen.findByRole("option", { name: "Mende (48)" }));
  await user.click(await screen.findByRole("checkbox", { name: "Fibre optique" }));
  await user.click(screen.getByRole("checkbox", { name: "Formation" }));
  await user.type(screen.getByLabelText("Nom et prénom *"), "Léa Martin");
  await user.type(screen.getByLabelText(/^E-mail \*/), "lea@causses.example");
}

describe("Rejoindre le réseau", { timeout: 30_000 }, () => {
  it("is linked from every page's footer", async () => {
    applyApi(() => json({}));
    const { router } = renderApp("/");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("link", { name: "Rejoindre le réseau" }, LOADED));
    expect(
      await screen.findByRole("heading", { level: 1, name: /Rejoindre le réseau/ }, LOADED),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/rejoindre-le-reseau");
  });

  it("sends the application with its documents and confirms it", async () => {
    const api = applyApi(() =>
      json({ reference: "0b6d7a62-1b1c-4bd2-9a4e-3c1f3f8a2b11", status: "new" }, 201),
    );
    renderApp("/rejoindre-le-reseau");
    const user = userEvent.setup();
    await fillIn(user);
    const pdf = new File(["%PDF-1.4"], "statuts.pdf", { type: "application/pdf" });
    await user.upload(screen.getByLabelText("Documents"), pdf);
    await user.click(screen.getByRole("button", { name: "Envoyer ma candidature" }));

    expect(await screen.findByText(/Candidature envoyée/, {}, LOADED)).toHaveTextContent(
      "lea@causses.example (référence 0b6d7a62-1b1c-4bd2-9a4e-3c1f3f8a2b11)",
    );
    const [request] = api.calls("POST", "/api/v1/joining/applications/");
    const sent = await request!.formData();
    expect(sent.get("applicant_kind")).toBe("project");
    expect(sent.get("commune")).toBe("48095");
    expect(sent.getAll("services")).toEqual(["fibre"]);
    expect(sent.getAll("needs")).toEqual(["training"]);
    expect(sent.get("website")).toBe("");
    // jsdom's multipart round trip loses the file's name and bytes: the browser test checks them.
    expect(sent.getAll("documents")).toHaveLength(1);
  });

  it("shows the API's field errors next to their fields, in French", async () => {
    applyApi(() =>
      json(
        {
          code: "invalid",
          message: "Numéro SIRET invalide / Invalid SIRET number.",
          fields: { siret: ["Numéro SIRET invalide / Invalid SIRET number."] },
        },
        400,
      ),
    );
    renderApp("/rejoindre-le-reseau");
    const user = userEvent.setup();
    await fillIn(user);
    await user.type(screen.getByLabelText("SIRET"), "12345678901234");
    await user.click(screen.getByRole("button", { name: "Envoyer ma candidature" }));

    const siret = screen.getByLabelText("SIRET");
    await screen.findAllByText("Numéro SIRET invalide", {}, LOADED);
    expect(siret).toHaveAttribute("aria-invalid", "true");
    expect(siret).toHaveAccessibleDescription(/Numéro SIRET invalide/);
  });

  it("refuses more than five documents before sending", async () => {
    const api = applyApi(() => json({}));
    renderApp("/rejoindre-le-reseau");
    const user = userEvent.setup();
    const files = Array.from({ length: 6 }, (_, n) => new File(["%PDF"], `d${n}.pdf`));
    await user.upload(await screen.findByLabelText("Documents", {}, LOADED), files);

    expect(screen.getByText("5 documents au plus.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Envoyer ma candidature" })).toBeDisabled();
    expect(api.calls("POST", "/api/v1/joining/applications/")).toHaveLength(0);
  });
});
