import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import i18n, { LANGUAGE_STORAGE_KEY, readStoredLanguage } from "@/lib/i18n";
import { departments, page, services, truckListItem } from "@/testing/fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

function api() {
  return mockApi({
    "GET /api/v1/directory/departments/": json(departments),
    "GET /api/v1/directory/services/": json(services),
    "GET /api/v1/directory/spaces/": json(page([truckListItem])),
  });
}

describe("language switch", () => {
  it("is French by default, with <html lang> to match", async () => {
    api();
    renderApp("/");
    expect(
      await screen.findByRole("heading", { level: 1, name: "Trouver un tiers-lieu" }),
    ).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("fr");
    expect(screen.getByRole("button", { name: "Français" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(screen.getByRole("link", { name: "Aller au contenu" })).toHaveAttribute("href", "#main");
  });

  it("switches to English, persists the choice and sends it as Accept-Language", async () => {
    const user = userEvent.setup();
    const mock = api();
    renderApp("/");
    await screen.findByText("1 lieu trouvé");
    const frenchCall = mock.calls("GET", "/api/v1/directory/spaces/").at(-1);
    expect(frenchCall?.headers.get("Accept-Language")).toBe("fr");

    await user.click(screen.getByRole("button", { name: "English" }));

    expect(
      await screen.findByRole("heading", { level: 1, name: "Find a third place" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Department" })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Fibre broadband" })).toBeInTheDocument();
    const card = screen.getByRole("article", { name: "Le Camion des Causses" });
    expect(within(card).getByText("Itinerant place")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
    expect(document.documentElement.lang).toBe("en");
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("en");
    expect(readStoredLanguage()).toBe("en");

    // The language change refetches what is shown, now in English.
    await waitFor(() => {
      const last = mock.calls("GET", "/api/v1/directory/spaces/").at(-1);
      expect(last?.headers.get("Accept-Language")).toBe("en");
    });
    expect(await screen.findByText("1 place found")).toBeInTheDocument();
    expect(screen.getByText(/^Day: €12\.50$/)).toBeInTheDocument();
  });

  it("starts in the stored language", async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, "en");
    expect(readStoredLanguage()).toBe("en");
    localStorage.setItem(LANGUAGE_STORAGE_KEY, "de");
    expect(readStoredLanguage()).toBe("fr");
    await i18n.changeLanguage("en");
    api();
    renderApp("/");
    expect(
      await screen.findByRole("heading", { level: 1, name: "Find a third place" }),
    ).toBeInTheDocument();
  });
});
