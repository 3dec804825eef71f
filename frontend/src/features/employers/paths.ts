/** The feature's pages (French public paths; the employee and admin links are in the e-mails). */
export const employersPaths = {
  area: "/employeur",
  employer: "/employeur/:id/:section?",
  invitation: "/invitation-employeur/:token",
  adminInvitation: "/invitation-admin-employeur/:token",
  join: "/rejoindre/:token",
} as const;

export const SECTIONS = [
  "forfait",
  "salaries",
  "centres-de-couts",
  "regles",
  "usage",
  "factures",
  "rse",
  "informations",
] as const;
export type SectionSlug = (typeof SECTIONS)[number];

export function employerPath(id: number, section: SectionSlug = "forfait"): string {
  return `/employeur/${id}/${section}`;
}
