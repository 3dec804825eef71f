/** The feature's pages (French public paths). */
export const networkAdminPaths = {
  review: "/reseau/revue",
  operators: "/reseau/structures",
  operator: "/reseau/structures/:id",
} as const;

export const operatorPath = (id: number) => `/reseau/structures/${id}`;
