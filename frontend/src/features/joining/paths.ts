/** The feature's pages (French public paths). */
export const joiningPaths = {
  apply: "/rejoindre-le-reseau",
  applications: "/reseau/candidatures",
  census: "/reseau/recensement",
} as const;
