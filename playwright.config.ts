import { defineConfig, devices } from "@playwright/test";
import { E2E_PASSWORD } from "./e2e/helpers";

/**
 * End-to-end tests against the real server (server.ts: Next + /ws on one port) with a fresh
 * SQLite database per run. Chromium comes from Debian (/usr/bin/chromium): `npx playwright
 * install` cannot download browsers here.
 *
 * Env: E2E_PORT (default 3100), E2E_SKIP_BUILD=1 / E2E_DEV=1 (see e2e/webserver.sh),
 * CHROMIUM_PATH (default /usr/bin/chromium).
 */
// Computed once in the runner; worker processes inherit these through the environment.
process.env.E2E_PORT ??= "3100";
process.env.E2E_RUN_ID ??= new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14) + "-" + process.pid;
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = `./data/e2e-${process.env.E2E_RUN_ID}`;


export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/e2e",
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "bash e2e/webserver.sh",
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: baseURL,
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${dataDir}/arbiter.db`,
      ARBITER_SEED_PASSWORD: E2E_PASSWORD,
      AUTH_RATE_LIMIT: "false",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
