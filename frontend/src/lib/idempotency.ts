import { useState } from "react";

/**
 * A fresh key for the `Idempotency-Key` header: one per booking attempt, reused by retries of
 * that same attempt (a double-click or a network retry then never books twice).
 */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") {
    return crypto.randomUUID();
  }
  // Older browsers: a random v4-shaped UUID from getRandomValues.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The idempotency key of the request described by `fingerprint` (e.g. its JSON body): the
 * same key while the request stays the same (retries, double clicks), a fresh one as soon
 * as it changes.
 */
export function useAttemptKey(fingerprint: string): string {
  const [state, setState] = useState(() => ({ fingerprint, key: newIdempotencyKey() }));
  if (state.fingerprint !== fingerprint) {
    const next = { fingerprint, key: newIdempotencyKey() };
    setState(next);
    return next.key;
  }
  return state.key;
}
