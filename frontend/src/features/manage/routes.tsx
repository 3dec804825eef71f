import type { RouteObject } from "react-router";
import { managePaths } from "./paths";

/** The place setup screens, loaded on demand, spread into the app's routes in one line. */
export const manageRoutes: RouteObject[] = [
  {
    path: managePaths.place,
    lazy: async () => ({
      Component: (await import("./routes/place-setup-route")).PlaceSetupRoute,
    }),
  },
  {
    path: managePaths.calendar,
    lazy: async () => ({
      Component: (await import("./routes/place-calendar-route")).PlaceCalendarRoute,
    }),
  },
  {
    path: managePaths.rules,
    lazy: async () => ({
      Component: (await import("./routes/booking-rules-route")).BookingRulesRoute,
    }),
  },
];
