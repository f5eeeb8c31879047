import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// Start-up with a bad setting: one line on stderr, nothing on stdout, exit code 1, no stack.
describe("server.ts configuration errors", () => {
  it.each([
    [{ PORT: "abc" }, 'Configuration error: PORT must be an integer from 1 to 65535 (got "abc")'],
    [{ SANDBOX_BACKEND: "vm" }, 'Configuration error: SANDBOX_BACKEND must be one of auto|docker|bubblewrap (got "vm")'],
  ])("%j", (vars, line) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
      env: { ...process.env, ...vars, NODE_ENV: "production" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`${line}\n`);
  });
});
