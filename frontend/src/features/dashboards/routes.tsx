import type { RouteObject } from "react-router";

/** The feature's pages (French public paths), spread into the app's routes in one line. */
export const dashboardsPaths = {
  manager: "/tableau-de-bord",
  network: "/observatoire",
  openData: "/donnees-ouvertes",
  commute: "/mon-trajet",
} as const;

/** Loaded on demand: the chart library stays out of the directory's bundle. */
export const dashboardsRoutes: RouteObject[] = [
  {
    path: dashboardsPaths.manager,
    lazy: async () => ({
      Component: (await import("./routes/manager-dashboard-route")).ManagerDashboardRoute,
    }),
  },
  {
    path: dashboardsPaths.network,
    lazy: async () => ({
      Component: (await import("./routes/network-dashboard-route")).NetworkDashboardRoute,
    }),
  },
  {
    path: dashboardsPaths.openData,
    lazy: async () => ({
      Component: (await import("./routes/open-data-route")).OpenDataRoute,
    }),
  },
  {
    path: dashboardsPaths.commute,
    lazy: async () => ({ Component: (await import("./routes/commute-route")).CommuteRoute }),
  },
];
