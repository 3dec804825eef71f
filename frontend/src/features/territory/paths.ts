/** The feature's page (French public path). */
export const coveragePaths = {
  coverage: "/reseau/couverture",
} as const;
