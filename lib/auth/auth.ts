import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { getDb } from "../db";
import { getEnv } from "../env";
import { logger } from "../logger";

function createAuth() {
  const env = getEnv();
  const secure = env.publicUrl.startsWith("https:");
  return betterAuth({
    appName: "Arbiter",
    baseURL: env.publicUrl,
    basePath: "/api/auth",
    secret: env.authSecret,
    trustedOrigins: env.trustedOrigins,
    database: prismaAdapter(getDb(), { provider: env.databaseProvider }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: !env.allowSignUp,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      autoSignIn: true,
    },
    user: {
      additionalFields: {
        // input: false -> better-auth ignores a client-supplied value at sign-up and refuses it
        // on update-user. Roles change only through the admin server action.
        role: { type: "string", required: false, defaultValue: "student", input: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
      cookieCache: { enabled: false },
    },
    rateLimit: { enabled: env.authRateLimit && env.isProduction },
    advanced: {
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
      cookiePrefix: "arbiter",
    },
    databaseHooks: {
      user: {
        create: {
          // Defence in depth: every account created through the auth API starts as a student.
          before: async (user) => ({ data: { ...user, role: "student" } }),
        },
      },
    },
    logger: {
      log: (level, message) => {
        logger[level === "debug" || level === "warn" || level === "error" ? level : "info"]({ component: "auth" }, message);
      },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { __arbiterAuth?: Auth };

export function getAuth(): Auth {
  if (!globalForAuth.__arbiterAuth) globalForAuth.__arbiterAuth = createAuth();
  return globalForAuth.__arbiterAuth;
}
