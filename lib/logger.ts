import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";

/**
 * JSON-lines logger. Secrets, cookies, passwords and submitted source code are redacted.
 * The level comes from LOG_LEVEL (validated by lib/env at start-up).
 */
export const REDACT_PATHS = [
  "password",
  "newPassword",
  "currentPassword",
  "secret",
  "authSecret",
  "token",
  "cookie",
  "cookies",
  "authorization",
  "source",
  "code",
  "input",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.secret",
  "*.authSecret",
  "*.token",
  "*.cookie",
  "*.cookies",
  "*.authorization",
  "*.source",
  "*.code",
  "headers.cookie",
  "headers.authorization",
  'headers["set-cookie"]',
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
];

export function createLogger(level = process.env.LOG_LEVEL || "info", destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: "arbiter" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}

const globalForLogger = globalThis as unknown as { __arbiterLogger?: Logger };

export const logger: Logger = globalForLogger.__arbiterLogger ?? (globalForLogger.__arbiterLogger = createLogger());
