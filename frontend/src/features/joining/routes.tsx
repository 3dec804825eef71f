import type { RouteObject } from "react-router";
import { joiningPaths } from "./paths";

/** Loaded on demand, spread into the app's routes in one line. */
export const joiningRoutes: RouteObject[] = [
  {
    path: joiningPaths.apply,
    lazy: async () => ({ Component: (await import("./routes/apply-route")).ApplyRoute }),
  },
  {
    path: joiningPaths.applications,
    lazy: async () => ({
      Component: (await import("./routes/applications-route")).ApplicationsRoute,
    }),
  },
  {
    path: joiningPaths.census,
    lazy: async () => ({ Component: (await import("./routes/census-route")).CensusRoute }),
  },
];
