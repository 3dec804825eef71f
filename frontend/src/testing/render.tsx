import { QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProvider } from "@/app/provider";
import { routerFlushSync } from "@/lib/router-flush-sync";
import { routes } from "@/app/routes";

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, gcTime: Infinity, staleTime: Infinity },
      mutations: { retry: false },
    },
  });
}

/** Renders the whole app (layout included) at a URL, with a memory router to inspect. */
export function renderApp(url = "/") {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const queryClient = createTestQueryClient();
  const result = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} flushSync={routerFlushSync} />
    </AppProvider>,
  );
  return { ...result, router, queryClient };
}
