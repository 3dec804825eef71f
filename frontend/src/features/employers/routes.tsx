import type { RouteObject } from "react-router";
import { employersPaths } from "./paths";

/** Loaded on demand, spread into the app's routes in one line. */
export const employersRoutes: RouteObject[] = [
  {
    path: employersPaths.area,
    lazy: async () => ({ Component: (await import("./routes/employers-route")).EmployersRoute }),
  },
  {
    path: employersPaths.employer,
    lazy: async () => ({ Component: (await import("./routes/employer-route")).EmployerRoute }),
  },
  {
    path: employersPaths.invitation,
    lazy: async () => ({
      Component: (await import("./routes/invitation-route")).InvitationRoute,
    }),
  },
  {
    path: employersPaths.adminInvitation,
    lazy: async () => ({
      Component: (await import("./routes/admin-invitation-route")).AdminInvitationRoute,
    }),
  },
  {
    path: employersPaths.join,
    lazy: async () => ({ Component: (await import("./routes/join-route")).JoinRoute }),
  },
];
