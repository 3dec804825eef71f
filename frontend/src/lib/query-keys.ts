/**
 * Query keys shared across features (a feature never imports another one: it invalidates
 * through these keys instead).
 */
export const queryKeys = {
  me: ["me"] as const,
  authSession: ["auth", "session"] as const,
  services: ["directory", "services"] as const,
  departments: ["directory", "departments"] as const,
  communes: (q: string) => ["directory", "communes", q] as const,
  spaces: (params: object) => ["directory", "spaces", params] as const,
  space: (slug: string) => ["directory", "space", slug] as const,
};
