/** The feature's page (French public path). */
export const networkAdminPaths = {
  review: "/reseau/revue",
} as const;
