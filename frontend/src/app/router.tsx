import { createBrowserRouter, RouterProvider } from "react-router";
import { routerFlushSync } from "@/lib/router-flush-sync";
import { routes } from "./routes";

const router = createBrowserRouter(routes);

export function AppRouter() {
  return <RouterProvider router={router} flushSync={routerFlushSync} />;
}
