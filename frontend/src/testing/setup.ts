import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import i18n, { DEFAULT_LANGUAGE } from "@/lib/i18n";

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
