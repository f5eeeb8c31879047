import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { ConfigError, loadEnv, parseEnv } = await import("./env");

function errorOf(env: Record<string, string | undefined>): string {
  try {
    parseEnv(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("parseEnv", () => {
  it("applies defaults", () => {
    const env = parseEnv({});
    expect(env.port).toBe(3000);
    expect(env.host).toBe("0.0.0.0");
    expect(env.databaseUrl).toBe("file:./data/arbiter.db");
    expect(env.databaseProvider).toBe("sqlite");
    expect(env.publicUrl).toBe("http://localhost:3000");
    expect(env.trustedOrigins).toEqual(["http://localhost:3000"]);
    expect(env.logLevel).toBe("info");
    expect(env.sandboxBackend).toBe("auto");
    expect(env.judgeConcurrency).toBe(Math.min(64, availableParallelism()));
    expect(env.judgeInProcess).toBe(true);
    expect(env.judgeLeaseMs).toBe(30_000);
    expect(env.judgePollMs).toBe(5000);
    expect(env.authSecret).toBeUndefined();
  });

  it("accepts valid settings", () => {
    const env = parseEnv({
      PORT: "8080",
      DATABASE_URL: "postgresql://u:p@db:5432/arbiter",
      PUBLIC_URL: "https://judge.example.org/",
      TRUSTED_ORIGINS: "https://a.example.org, https://b.example.org",
      LOG_LEVEL: "DEBUG",
      SANDBOX_BACKEND: "bubblewrap",
      JUDGE_CONCURRENCY: "4",
      BETTER_AUTH_SECRET: "x".repeat(40),
    });
    expect(env.port).toBe(8080);
    expect(env.databaseProvider).toBe("postgresql");
    expect(env.publicUrl).toBe("https://judge.example.org");
    expect(env.trustedOrigins).toEqual(["https://judge.example.org", "https://a.example.org", "https://b.example.org"]);
    expect(env.logLevel).toBe("debug");
    expect(env.sandboxBackend).toBe("bubblewrap");
    expect(env.judgeConcurrency).toBe(4);
    expect(env.authSecret).toBe("x".repeat(40));
  });

  it("defaults PUBLIC_URL to the port", () => {
    expect(parseEnv({ PORT: "3100" }).publicUrl).toBe("http://localhost:3100");
  });

  it.each([
    [{ PORT: "abc" }, 'Configuration error: PORT must be an integer from 1 to 65535 (got "abc")'],
    [{ PORT: "70000" }, 'Configuration error: PORT must be an integer from 1 to 65535 (got "70000")'],
    [{ PORT: "3000.5" }, 'Configuration error: PORT must be an integer from 1 to 65535 (got "3000.5")'],
    [{ JUDGE_CONCURRENCY: "0" }, 'Configuration error: JUDGE_CONCURRENCY must be an integer from 1 to 64 (got "0")'],
    [{ SANDBOX_BACKEND: "chroot" }, 'Configuration error: SANDBOX_BACKEND must be one of auto|docker|bubblewrap (got "chroot")'],
    [{ LOG_LEVEL: "loud" }, 'Configuration error: LOG_LEVEL must be one of fatal|error|warn|info|debug|trace|silent (got "loud")'],
    [{ PUBLIC_URL: "judge.example.org" }, 'Configuration error: PUBLIC_URL must be an http(s) URL such as https://judge.example.org (got "judge.example.org")'],
    [{ DATABASE_URL: "mysql://x" }, 'Configuration error: DATABASE_URL must start with file: (SQLite) or postgresql:// (got "mysql://x")'],
    [{ AUTH_RATE_LIMIT: "maybe" }, 'Configuration error: AUTH_RATE_LIMIT must be true or false (got "maybe")'],
  ])("rejects %j with one clear line", (env, message) => {
    const msg = errorOf(env);
    expect(msg).toBe(message);
    expect(msg).not.toContain("\n");
  });

  it("never echoes a secret or a database password", () => {
    const short = errorOf({ BETTER_AUTH_SECRET: "hunter2-short" });
    expect(short).toMatch(/^Configuration error: BETTER_AUTH_SECRET must be at least 32 characters/);
    expect(short).not.toContain("hunter2");
    const db = errorOf({ DATABASE_URL: "mysql://root:topsecret@db/x" });
    expect(db).not.toContain("topsecret");
  });
});

describe("loadEnv", () => {
  it("generates the auth secret once, stores it with mode 0600 and reuses it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "arbiter-env-"));
    const first = loadEnv({ DATA_DIR: dir });
    const second = loadEnv({ DATA_DIR: dir });
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.authSecret).toBe(first.authSecret);
    const file = path.join(dir, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8")).authSecret).toBe(first.authSecret);
  });

  it("prefers BETTER_AUTH_SECRET from the environment", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "arbiter-env-"));
    expect(loadEnv({ DATA_DIR: dir, BETTER_AUTH_SECRET: "s".repeat(32) }).authSecret).toBe("s".repeat(32));
  });
});
