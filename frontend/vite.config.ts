/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Django in development; OSTAL_BACKEND_URL points the proxy elsewhere (another port). */
const backend = process.env.OSTAL_BACKEND_URL ?? "http://127.0.0.1:8000";
const proxied = ["/api", "/_allauth", "/admin", "/static", "/media", "/ical"];

export default defineConfig({
  base: "/",
  plugins: [react()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    proxy: Object.fromEntries(
      proxied.map((path) => [path, { target: backend, changeOrigin: false }]),
    ),
  },
  preview: {
    proxy: Object.fromEntries(
      proxied.map((path) => [path, { target: backend, changeOrigin: false }]),
    ),
  },
  build: {
    outDir: "dist",
    assetsDir: "assets",
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/testing/setup.ts"],
    css: false,
    restoreMocks: true,
    // CI shares a busy 2-core machine: a test waits for what it awaits (findBy*, waitFor)
    // rather than failing because the machine was slow. No assertion depends on time.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
