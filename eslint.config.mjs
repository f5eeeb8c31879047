import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    "node_modules/**",
    ".next/**",
    "build/**",
    "generated/**",
    "data/**",
    "var/**",
    "test-results/**",
    "playwright-report/**",
    "public/monaco/**", // generated: scripts/copy-monaco.mjs
    "next-env.d.ts",
  ]),
]);
