/** The feature's page (French public path). */
export const auditPaths = {
  journal: "/journal",
} as const;
