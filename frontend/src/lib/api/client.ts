import createClient, { type Middleware } from "openapi-fetch";
import i18n from "@/lib/i18n";
import { CSRF_HEADER, getCsrfToken, isUnsafeMethod } from "@/lib/csrf";
import type { paths } from "./schema";

/**
 * Adds the chosen UI language (Accept-Language) and, on unsafe methods, Django's CSRF token.
 */
const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set("Accept-Language", i18n.resolvedLanguage ?? i18n.language ?? "fr");
    if (isUnsafeMethod(request.method)) {
      const token = getCsrfToken();
      if (token) request.headers.set(CSRF_HEADER, token);
    }
    return request;
  },
};

/** Absolute origin so that `new Request()` also works outside a browser document (tests). */
export const API_ORIGIN = typeof window !== "undefined" ? window.location.origin : "";

/** The typed client for the versioned API, generated from backend/openapi.json. */
export const api = createClient<paths>({
  baseUrl: API_ORIGIN,
  credentials: "same-origin",
  // Looked up on each call so that tests can stub `globalThis.fetch`.
  fetch: (request: Request) => globalThis.fetch(request),
});
api.use(sessionMiddleware);
