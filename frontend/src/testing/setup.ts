import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import i18n, { DEFAULT_LANGUAGE } from "@/lib/i18n";

// findBy* and waitFor wait up to 10 s (default 1 s): on a loaded CI machine a render can take
// longer than a second; a real failure still fails, only later.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no layout: scroll restoration calls are no-ops here.
window.scrollTo = vi.fn() as unknown as typeof window.scrollTo;

beforeEach(async () => {
  localStorage.clear();
  await i18n.changeLanguage(DEFAULT_LANGUAGE);
});

afterEach(() => {
  cleanup();
  document.cookie = "csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
});
