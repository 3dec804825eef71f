import type { RouteObject } from "react-router";
import { einvoicingPaths } from "./paths";

/** Loaded on demand, spread into the app's routes in one line. */
export const einvoicingRoutes: RouteObject[] = [
  {
    path: einvoicingPaths.home,
    lazy: async () => ({
      Component: (await import("./routes/einvoicing-home-route")).EInvoicingHomeRoute,
    }),
  },
  {
    path: einvoicingPaths.operator,
    lazy: async () => ({
      Component: (await import("./routes/einvoicing-route")).EInvoicingRoute,
    }),
  },
];
