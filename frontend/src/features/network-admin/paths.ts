/** The feature's pages (French public paths). */
export const networkAdminPaths = {
  home: "/reseau",
  places: "/reseau/lieux",
  security: "/reseau/securite",
  catalogue: "/reseau/services",
  pass: "/reseau/pass",
  review: "/reseau/revue",
  operators: "/reseau/structures",
  operator: "/reseau/structures/:id",
} as const;

export const operatorPath = (id: number) => `/reseau/structures/${id}`;
