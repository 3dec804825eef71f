import type { RouteObject } from "react-router";
import { auditPaths } from "./paths";

/** Loaded on demand, spread into the app's routes in one line. */
export const auditRoutes: RouteObject[] = [
  {
    path: auditPaths.journal,
    lazy: async () => ({ Component: (await import("./routes/journal-route")).JournalRoute }),
  },
];
