import type { RouteObject } from "react-router";
import { coveragePaths } from "./paths";

/** Loaded on demand, spread into the app's routes in one line. */
export const coverageRoutes: RouteObject[] = [
  {
    path: coveragePaths.coverage,
    lazy: async () => ({ Component: (await import("./routes/coverage-route")).CoverageRoute }),
  },
];
