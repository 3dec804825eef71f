import type { RouteObject } from "react-router";

/** /confidentialite — public, loaded on demand. */
export const privacyRoutes: RouteObject[] = [
  {
    path: "/confidentialite",
    lazy: async () => ({ Component: (await import("./routes/privacy-route")).PrivacyRoute }),
  },
];
