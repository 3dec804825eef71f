import type { RouteObject } from "react-router";
import { calendarsPaths } from "./paths";

/** Loaded on demand, spread into the app's routes in one line. */
export const calendarsRoutes: RouteObject[] = [
  {
    path: calendarsPaths.myAgenda,
    lazy: async () => ({ Component: (await import("./routes/my-agenda-route")).MyAgendaRoute }),
  },
  {
    path: calendarsPaths.manage,
    lazy: async () => ({
      Component: (await import("./routes/manage-calendars-route")).ManageCalendarsRoute,
    }),
  },
];
