/**
 * A minimal typed wrapper for the django-allauth headless "browser" API (session cookie +
 * CSRF). It is the only hand-typed API in the app: allauth is not part of our OpenAPI schema.
 * Only the fields the UI reads are typed.
 */
import i18n from "@/lib/i18n";
import { CSRF_HEADER, getCsrfToken } from "@/lib/csrf";

export const ALLAUTH_BASE = "/_allauth/browser/v1";

export type AllauthUser = {
  id: number | string;
  email?: string | null;
  display?: string;
};

export type AllauthFlow = {
  id: string;
  is_pending?: boolean;
};

export type AllauthError = {
  message: string;
  code: string;
  param?: string;
};

type AllauthBody = {
  status?: number;
  data?: { user?: AllauthUser; flows?: AllauthFlow[] };
  meta?: { is_authenticated?: boolean };
  errors?: AllauthError[];
};

/** What an allauth call answered, normalised. */
export type AuthResult = {
  status: number;
  isAuthenticated: boolean;
  user: AllauthUser | null;
  /** The id of the pending flow, e.g. "verify_email" after a signup. */
  pendingFlow: string | null;
  errors: AllauthError[];
};

/** A transport failure or an unexpected server answer (5xx, not JSON). */
export class AllauthRequestError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`allauth request failed (${status})`);
    this.name = "AllauthRequestError";
    this.status = status;
  }
}

function url(path: string): string {
  const origin = typeof window !== "undefined" ? window.location.origin : "";
  return `${origin}${ALLAUTH_BASE}${path}`;
}

function headers(unsafe: boolean): Headers {
  const result = new Headers({
    Accept: "application/json",
    "Accept-Language": i18n.resolvedLanguage ?? i18n.language ?? "fr",
  });
  if (unsafe) {
    result.set("Content-Type", "application/json");
    const token = getCsrfToken();
    if (token) result.set(CSRF_HEADER, token);
  }
  return result;
}

async function call(method: "GET" | "POST" | "DELETE", path: string, body?: object) {
  const unsafe = method !== "GET";
  if (unsafe) await ensureCsrfCookie();
  const response = await globalThis.fetch(url(path), {
    method,
    credentials: "same-origin",
    headers: headers(unsafe),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 500) throw new AllauthRequestError(response.status);
  let parsed: AllauthBody = {};
  try {
    parsed = (await response.json()) as AllauthBody;
  } catch {
    if (!response.ok) throw new AllauthRequestError(response.status);
  }
  const flows = parsed.data?.flows ?? [];
  return {
    status: response.status,
    isAuthenticated: Boolean(parsed.meta?.is_authenticated),
    user: parsed.data?.user ?? null,
    pendingFlow: flows.find((flow) => flow.is_pending)?.id ?? null,
    errors: parsed.errors ?? [],
  } satisfies AuthResult;
}

/**
 * Django sets the `csrftoken` cookie on the first GET it answers; unsafe calls need it, so
 * fetch the session once when the cookie is missing.
 */
export async function ensureCsrfCookie(): Promise<void> {
  if (getCsrfToken()) return;
  await globalThis.fetch(url("/auth/session"), {
    method: "GET",
    credentials: "same-origin",
    headers: headers(false),
  });
}

export const allauth = {
  getSession: () => call("GET", "/auth/session"),
  login: (input: { email: string; password: string }) => call("POST", "/auth/login", input),
  signup: (input: { email: string; password: string }) => call("POST", "/auth/signup", input),
  /** Logging out answers 401 (no session left): that is the success case. */
  logout: () => call("DELETE", "/auth/session"),
  verifyEmail: (key: string) => call("POST", "/auth/email/verify", { key }),
  requestPasswordReset: (email: string) => call("POST", "/auth/password/request", { email }),
  resetPassword: (input: { key: string; password: string }) =>
    call("POST", "/auth/password/reset", input),
};

/** Errors of one form field (`param`), and the ones tied to no field. */
export function errorsFor(errors: AllauthError[], param: string): string[] {
  return errors.filter((error) => error.param === param).map((error) => error.message);
}

/**
 * Every error, for the summary at the top of a form: a field's errors are prefixed with its
 * label (they are also shown under the field).
 */
export function errorSummary(
  errors: AllauthError[],
  labels: Record<string, string>,
  format: (field: string, message: string) => string,
): string[] {
  return errors.map((error) => {
    const label = error.param ? labels[error.param] : undefined;
    return label ? format(label, error.message) : error.message;
  });
}
