import { flushSync } from "react-dom";

/**
 * What react-router/dom's RouterProvider passes: navigations asked with `{ flushSync: true }`
 * render at once, so URL-driven controls (filter checkboxes, selects) never lag a frame.
 * Passed explicitly to the RouterProvider of "react-router" to keep a single router build.
 */
export function routerFlushSync(fn: () => unknown): undefined {
  flushSync(fn);
  return undefined;
}
