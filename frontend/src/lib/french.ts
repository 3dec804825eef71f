/**
 * « à » and « de » before a place's name, as French says them: « au Camion des Causses »,
 * « du Centre de Mende », « à la Pépinière d'Albi », « de l’Espace Lauragais », « d’Ostal Lab ».
 * A name starting with « Le » / « Les » contracts; one starting with a common noun takes that
 * noun's article (the nouns place names of the network start with); other names stay as they are.
 */

const MASCULINE = new Set([
  "Bureau",
  "Café",
  "Campus",
  "Centre",
  "Cowork",
  "Coworking",
  "Fablab",
  "Garage",
  "Hub",
  "Lieu",
  "Local",
  "Moulin",
  "Pôle",
  "Relais",
  "Tiers-lieu",
  "Tiers-Lieu",
]);
const FEMININE = new Set([
  "Cabane",
  "Cantine",
  "Coopérative",
  "Ferme",
  "Forge",
  "Friche",
  "Gare",
  "Grange",
  "Halle",
  "Maison",
  "Manufacture",
  "Pépinière",
  "Ruche",
  "Station",
]);
const ELIDED = new Set(["Atelier", "Espace", "Hôtel", "Incubateur", "Usine"]);

function split(name: string): [string, string] {
  const space = name.indexOf(" ");
  return space < 0 ? [name, ""] : [name.slice(0, space), name.slice(space + 1)];
}

/** « à » + the name: « au Camion », « aux Halles », « à La Cantine », « à l’Espace X ». */
export function frenchAt(name: string): string {
  const [first, rest] = split(name.trim());
  if (rest && /^le$/i.test(first)) return `au ${rest}`;
  if (rest && /^les$/i.test(first)) return `aux ${rest}`;
  if (MASCULINE.has(first)) return `au ${name}`;
  if (FEMININE.has(first)) return `à la ${name}`;
  if (ELIDED.has(first)) return `à l’${name}`;
  return `à ${name}`;
}

/** « de » + the name: « du Camion », « des Halles », « de La Cantine », « d’Ostal Lab ». */
export function frenchOf(name: string): string {
  const [first, rest] = split(name.trim());
  if (rest && /^le$/i.test(first)) return `du ${rest}`;
  if (rest && /^les$/i.test(first)) return `des ${rest}`;
  if (MASCULINE.has(first)) return `du ${name}`;
  if (FEMININE.has(first)) return `de la ${name}`;
  if (ELIDED.has(first)) return `de l’${name}`;
  if (/^(la|l['’])/i.test(first)) return `de ${name}`;
  if (/^[aeiouyâàéèêëîïôöûüh]/i.test(first) && !/^h[^aeiouy]/i.test(first)) return `d’${name}`;
  return `de ${name}`;
}
