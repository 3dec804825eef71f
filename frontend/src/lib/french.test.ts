import { describe, expect, it } from "vitest";
import { frenchAt, frenchOf } from "./french";

describe("French prepositions before a place's name", () => {
  it.each([
    ["Le Camion des Causses", "au Camion des Causses", "du Camion des Causses"],
    ["Les Halles de Rodez", "aux Halles de Rodez", "des Halles de Rodez"],
    ["La Cantine", "à La Cantine", "de La Cantine"],
    ["L'Atelier du Lot", "à L'Atelier du Lot", "de L'Atelier du Lot"],
    [
      "Centre de télétravail de Mende",
      "au Centre de télétravail de Mende",
      "du Centre de télétravail de Mende",
    ],
    ["Cowork Albi", "au Cowork Albi", "du Cowork Albi"],
    ["Tiers-lieu des Cévennes", "au Tiers-lieu des Cévennes", "du Tiers-lieu des Cévennes"],
    ["Pépinière d'Auch", "à la Pépinière d'Auch", "de la Pépinière d'Auch"],
    ["Espace Lauragais", "à l’Espace Lauragais", "de l’Espace Lauragais"],
    ["Ostal Lab", "à Ostal Lab", "d’Ostal Lab"],
    ["Mende Numérique", "à Mende Numérique", "de Mende Numérique"],
  ])("%s → %s, %s", (name, at, of) => {
    expect(frenchAt(name)).toBe(at);
    expect(frenchOf(name)).toBe(of);
  });
});

describe("the interface's sentences with a place's name", () => {
  it("say « au » and « du » in French, and leave English alone", async () => {
    const { default: i18n } = await import("./i18n");
    const fr = i18n.getFixedT("fr");
    expect(fr("booking.placeTitle", { name: "Le Camion des Causses" })).toBe(
      "Réserver au Camion des Causses",
    );
    expect(fr("directory.viewPlace", { name: "Le Camion des Causses" })).toBe(
      "Voir la fiche du Camion des Causses",
    );
    expect(fr("checkIn.welcome", { place: "Centre de télétravail de Mende" })).toBe(
      "Bienvenue au Centre de télétravail de Mende !",
    );
    const en = i18n.getFixedT("en");
    expect(en("booking.placeTitle", { name: "Le Camion des Causses" })).toContain(
      "Le Camion des Causses",
    );
  });
});
