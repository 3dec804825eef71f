import type { RouteObject } from "react-router";
import { notificationsPaths } from "./paths";

/** Loaded on demand, spread into the app's routes in one line. */
export const notificationsRoutes: RouteObject[] = [
  {
    path: notificationsPaths.preferences,
    lazy: async () => ({
      Component: (await import("./routes/preferences-route")).NotificationPreferencesRoute,
    }),
  },
];
