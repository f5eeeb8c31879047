import "server-only";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { loadOrCreateSecrets } from "./secrets";

/**
 * Configuration, validated once at start-up. A bad value produces ONE line:
 *   Configuration error: PORT must be an integer from 1 to 65535 (got "abc")
 * Use `getEnv()` everywhere; `parseEnv()` is pure (no file access) for tests.
 */

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const SANDBOX_BACKENDS = ["auto", "docker", "bubblewrap"] as const;

function show(value: unknown): string {
  const s = String(value);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

const int = (name: string, min: number, max: number, dflt: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return dflt;
      const n = Number(raw.trim());
      if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${name} must be an integer from ${min} to ${max} (got ${show(raw)})` });
        return z.NEVER;
      }
      return n;
    });

const oneOf = <T extends readonly string[]>(name: string, values: T, dflt: T[number]) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): T[number] => {
      if (raw === undefined || raw.trim() === "") return dflt;
      const v = raw.trim().toLowerCase();
      if (!(values as readonly string[]).includes(v)) {
        ctx.addIssue({ code: "custom", message: `${name} must be one of ${values.join("|")} (got ${show(raw)})` });
        return z.NEVER;
      }
      return v as T[number];
    });

const bool = (name: string, dflt: boolean) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return dflt;
      const v = raw.trim().toLowerCase();
      if (["1", "true", "yes", "on"].includes(v)) return true;
      if (["0", "false", "no", "off"].includes(v)) return false;
      ctx.addIssue({ code: "custom", message: `${name} must be true or false (got ${show(raw)})` });
      return z.NEVER;
    });

const httpOrigin = (name: string, raw: string, ctx: z.RefinementCtx): string => {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    ctx.addIssue({ code: "custom", message: `${name} must be an http(s) URL such as https://judge.example.org (got ${show(raw)})` });
    return "";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    ctx.addIssue({ code: "custom", message: `${name} must be an http(s) URL such as https://judge.example.org (got ${show(raw)})` });
    return "";
  }
  return url.origin;
};

const rawSchema = z.object({
  NODE_ENV: oneOf("NODE_ENV", ["development", "production", "test"] as const, "development"),
  PORT: int("PORT", 1, 65535, 3000),
  HOST: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = (raw ?? "").trim() || "0.0.0.0";
      if (!/^[A-Za-z0-9.:\-[\]]+$/.test(v)) {
        ctx.addIssue({ code: "custom", message: `HOST must be a host name or IP address such as 0.0.0.0 (got ${show(raw)})` });
        return z.NEVER;
      }
      return v;
    }),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = (raw ?? "").trim() || "file:./data/arbiter.db";
      if (!/^(file:.+|postgres(ql)?:\/\/.+)$/.test(v)) {
        ctx.addIssue({
          code: "custom",
          message: `DATABASE_URL must start with file: (SQLite) or postgresql:// (got ${show(v.replace(/\/\/[^@/]*@/, "//***@"))})`,
        });
        return z.NEVER;
      }
      return v;
    }),
  BETTER_AUTH_SECRET: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === "") return undefined;
      if (raw.length < 32) {
        // Never echo the secret itself.
        ctx.addIssue({ code: "custom", message: `BETTER_AUTH_SECRET must be at least 32 characters (got ${raw.length}); unset it to use the generated one in data/secrets.json` });
        return z.NEVER;
      }
      return raw;
    }),
  PUBLIC_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => (raw === undefined || raw.trim() === "" ? undefined : httpOrigin("PUBLIC_URL", raw, ctx))),
  TRUSTED_ORIGINS: z
    .string()
    .optional()
    .transform((raw, ctx) =>
      (raw ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => httpOrigin("TRUSTED_ORIGINS", s, ctx)),
    ),
  DATA_DIR: z
    .string()
    .optional()
    .transform((raw) => (raw ?? "").trim() || "./data"),
  LOG_LEVEL: oneOf("LOG_LEVEL", LOG_LEVELS, "info"),
  SANDBOX_BACKEND: oneOf("SANDBOX_BACKEND", SANDBOX_BACKENDS, "auto"),
  // Judging sessions at once: one per core by default.
  JUDGE_CONCURRENCY: int("JUDGE_CONCURRENCY", 1, 64, Math.min(64, availableParallelism())),
  // false: this web process does not judge (run `npm run worker` processes instead).
  JUDGE_IN_PROCESS: bool("JUDGE_IN_PROCESS", true),
  // How long a worker's claim on a submission lasts without renewal (crash detection).
  JUDGE_LEASE_MS: int("JUDGE_LEASE_MS", 1000, 600_000, 30_000),
  // Fallback poll for work enqueued by other processes and for expired leases.
  JUDGE_POLL_MS: int("JUDGE_POLL_MS", 100, 600_000, 5000),
  AUTH_RATE_LIMIT: bool("AUTH_RATE_LIMIT", true),
  ALLOW_SIGN_UP: bool("ALLOW_SIGN_UP", true),
});

export type ParsedEnv = {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  host: string;
  databaseUrl: string;
  databaseProvider: "sqlite" | "postgresql";
  /** undefined when not set in the environment: loadEnv() fills it from data/secrets.json */
  authSecret: string | undefined;
  publicUrl: string;
  trustedOrigins: string[];
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  sandboxBackend: (typeof SANDBOX_BACKENDS)[number];
  judgeConcurrency: number;
  judgeInProcess: boolean;
  judgeLeaseMs: number;
  judgePollMs: number;
  authRateLimit: boolean;
  allowSignUp: boolean;
};

export type Env = ParsedEnv & { authSecret: string };

/** Pure: validates an environment object. Throws ConfigError with a one-line message. */
export function parseEnv(source: Record<string, string | undefined>): ParsedEnv {
  const result = rawSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = String(issue?.path[0] ?? "configuration");
    const message = issue?.code === "custom" ? issue.message : `${field} is invalid`;
    throw new ConfigError(`Configuration error: ${message}`);
  }
  const r = result.data;
  const publicUrl = r.PUBLIC_URL ?? `http://localhost:${r.PORT}`;
  return {
    nodeEnv: r.NODE_ENV,
    isProduction: r.NODE_ENV === "production",
    port: r.PORT,
    host: r.HOST,
    databaseUrl: r.DATABASE_URL,
    databaseProvider: r.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql",
    authSecret: r.BETTER_AUTH_SECRET,
    publicUrl,
    trustedOrigins: [...new Set([publicUrl, ...r.TRUSTED_ORIGINS])],
    dataDir: r.DATA_DIR,
    logLevel: r.LOG_LEVEL,
    sandboxBackend: r.SANDBOX_BACKEND,
    judgeConcurrency: r.JUDGE_CONCURRENCY,
    judgeInProcess: r.JUDGE_IN_PROCESS,
    judgeLeaseMs: r.JUDGE_LEASE_MS,
    judgePollMs: r.JUDGE_POLL_MS,
    authRateLimit: r.AUTH_RATE_LIMIT,
    allowSignUp: r.ALLOW_SIGN_UP,
  };
}

/** Validates process.env and resolves the auth secret (generated on first run). */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = parseEnv(source);
  let authSecret = parsed.authSecret;
  if (!authSecret) {
    try {
      authSecret = loadOrCreateSecrets(parsed.dataDir).authSecret;
    } catch (err) {
      throw new ConfigError(`Configuration error: cannot read or create ${parsed.dataDir}/secrets.json (${(err as Error).message})`);
    }
  }
  return { ...parsed, authSecret };
}

const globalForEnv = globalThis as unknown as { __arbiterEnv?: Env };

/** The validated configuration (cached for the life of the process). */
export function getEnv(): Env {
  if (!globalForEnv.__arbiterEnv) globalForEnv.__arbiterEnv = loadEnv();
  return globalForEnv.__arbiterEnv;
}

/** For command-line entry points: the configuration, or its one-line error and exit code 1. */
export function getEnvOrExit(): Env {
  try {
    return getEnv();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
