import type { ApiErrorBody } from "./types";

/** An HTTP error from the API, carrying the `{code, message, fields}` body when there is one. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;

  constructor(status: number, body: unknown) {
    const parsed = toErrorBody(body);
    super(parsed.message ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.body = parsed;
  }

  get fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(this.body.fields ?? {})) {
      if (value && value.length > 0) out[key] = value;
    }
    return out;
  }
}

function toErrorBody(body: unknown): ApiErrorBody {
  if (body && typeof body === "object") {
    const record = body as Record<string, unknown>;
    const result: ApiErrorBody = {};
    if (typeof record.code === "string") result.code = record.code;
    if (typeof record.message === "string") result.message = record.message;
    else if (typeof record.detail === "string") result.message = record.detail;
    if (record.fields && typeof record.fields === "object") {
      result.fields = record.fields as ApiErrorBody["fields"];
    }
    return result;
  }
  return {};
}

/**
 * Unwraps an openapi-fetch result: returns the data or throws an {@link ApiError}.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok || result.data === undefined) {
    throw new ApiError(result.response.status, result.error);
  }
  return result.data;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/**
 * The API's messages are "Français / English" in one string: the part for `language`, or the
 * whole message when it is not split that way (an even number of " / "-separated halves).
 */
export function localizedMessage(message: string, language: string): string {
  const parts = message.split(" / ");
  if (parts.length < 2 || parts.length % 2 !== 0) return message;
  const half = parts.length / 2;
  const chosen = language === "en" ? parts.slice(half) : parts.slice(0, half);
  return chosen.join(" / ").trim() || message;
}

/** The error's code (`slot_taken`, …) when the API gave one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof ApiError ? error.body.code : undefined;
}
