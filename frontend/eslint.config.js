import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import reactRefresh from "eslint-plugin-react-refresh";
import globals from "globals";
import tseslint from "typescript-eslint";

const FEATURES = [
  "directory",
  "auth",
  "account",
  "booking",
  "wallet",
  "manage",
  "dashboards",
  "calendars",
  "employers",
  "notifications",
  "network-admin",
  "team",
  "einvoicing",
];

/** A feature never imports another feature, nor the app (bulletproof-react's rule). */
const featureBoundaries = FEATURES.map((feature) => ({
  files: [`src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: [
              ...FEATURES.filter((other) => other !== feature).flatMap((other) => [
                `@/features/${other}/*`,
                `**/features/${other}/*`,
              ]),
              "@/app/*",
            ],
            message: "Features stay independent: share through src/lib or src/components.",
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ["dist", "coverage", "node_modules", "src/lib/api/schema.d.ts"] },
  {
    files: ["**/*.{ts,tsx,js}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.browser },
    },
    plugins: {
      "react-hooks": reactHooks,
      "react-refresh": reactRefresh,
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "react-refresh/only-export-components": ["warn", { allowConstantExport: true }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/lib/**/*.{ts,tsx}", "src/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/features/*", "@/app/*"],
              message: "Shared code must not depend on features or the app.",
            },
          ],
        },
      ],
    },
  },
  ...featureBoundaries,
  {
    files: ["vite.config.ts", "eslint.config.js"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["src/**/*.test.{ts,tsx}", "src/testing/**/*.{ts,tsx}"],
    rules: { "react-refresh/only-export-components": "off" },
  },
);
