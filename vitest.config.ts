// Minimal Vitest config (infra helper; the lead may adjust). Sandbox tests are heavy on a
// 2-core machine, so test files run one at a time in forked processes.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('./', import.meta.url));

export default defineConfig({
  resolve: {
    // tsconfig.json "paths": "@/*" -> "./*"
    alias: [{ find: /^@\//, replacement: root }],
  },
  test: {
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.next/**', 'e2e/**', 'generated/**', 'data/**', 'var/**', 'build/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
