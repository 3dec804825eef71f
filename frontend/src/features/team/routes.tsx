import type { RouteObject } from "react-router";
import { teamPaths } from "./paths";

/** Loaded on demand, spread into the app's routes in one line. */
export const teamRoutes: RouteObject[] = [
  {
    path: teamPaths.teams,
    lazy: async () => ({ Component: (await import("./routes/teams-route")).TeamsRoute }),
  },
  {
    path: teamPaths.team,
    lazy: async () => ({ Component: (await import("./routes/team-route")).TeamRoute }),
  },
  {
    path: teamPaths.invitation,
    lazy: async () => ({
      Component: (await import("./routes/invitation-route")).InvitationRoute,
    }),
  },
  {
    path: teamPaths.frontDesk,
    lazy: async () => ({
      Component: (await import("./routes/front-desk-route")).FrontDeskRoute,
    }),
  },
];
