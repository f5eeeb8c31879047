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

// Start-up applies migrations first; a database it cannot reach is one clear line, password masked.
describe("server.ts database errors", () => {
  it("reports an unreachable database in one line without the password", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
      env: { ...process.env, DATABASE_URL: "postgresql://someone:hunter2@127.0.0.1:1/nowhere", NODE_ENV: "production" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Database error: cannot reach PostgreSQL at postgresql:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere \(ECONNREFUSED\)/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr + r.stdout).not.toContain("hunter2");
  });
});
