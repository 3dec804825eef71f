import type { RouteObject } from "react-router";
import { networkAdminPaths } from "./paths";

/** Loaded on demand, spread into the app's routes in one line. */
export const networkAdminRoutes: RouteObject[] = [
  {
    path: networkAdminPaths.home,
    lazy: async () => ({ Component: (await import("./routes/home-route")).NetworkHomeRoute }),
  },
  {
    path: networkAdminPaths.catalogue,
    lazy: async () => ({ Component: (await import("./routes/catalogue-route")).CatalogueRoute }),
  },
  {
    path: networkAdminPaths.pass,
    lazy: async () => ({ Component: (await import("./routes/pass-route")).PassRoute }),
  },
  {
    path: networkAdminPaths.security,
    lazy: async () => ({ Component: (await import("./routes/security-route")).SecurityRoute }),
  },
  {
    path: networkAdminPaths.places,
    lazy: async () => ({ Component: (await import("./routes/places-route")).PlacesRoute }),
  },
  {
    path: networkAdminPaths.review,
    lazy: async () => ({ Component: (await import("./routes/review-route")).ReviewRoute }),
  },
  {
    path: networkAdminPaths.operators,
    lazy: async () => ({ Component: (await import("./routes/operators-route")).OperatorsRoute }),
  },
  {
    path: networkAdminPaths.operator,
    lazy: async () => ({ Component: (await import("./routes/operator-route")).OperatorRoute }),
  },
];
