import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

/** Password of the seeded accounts in e2e runs (ARBITER_SEED_PASSWORD). */
export const E2E_PASSWORD = "e2e-seed-password-1";

export const SEEDED = {
  admin: "admin@arbiter.local",
  instructor: "instructor@arbiter.local",
  student: "student@arbiter.local",
} as const;

let counter = 0;
/** A unique e-mail address for an account created by a test. */
export function uniqueEmail(tag: string): string {
  counter++;
  return `${tag}-${Date.now().toString(36)}-${process.pid}-${counter}@e2e.test`;
}

export function origin(baseURL: string | undefined): string {
  return new URL(baseURL ?? "http://127.0.0.1:3100").origin;
}

/** Signs in through the auth API; the session cookie lands in the page's browser context. */
export async function signInApi(page: Page, baseURL: string | undefined, email: string, password = E2E_PASSWORD) {
  const res = await page.request.post("/api/auth/sign-in/email", {
    headers: { origin: origin(baseURL) },
    data: { email, password },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** Creates an account through the auth API (signed in afterwards). */
export async function signUpApi(
  request: APIRequestContext,
  baseURL: string | undefined,
  email: string,
  extra: Record<string, unknown> = {},
) {
  return request.post("/api/auth/sign-up/email", {
    headers: { origin: origin(baseURL) },
    data: { email, password: "correct-horse-9", name: email.split("@")[0], ...extra },
  });
}

/** "name=value; ..." cookie header for raw clients (WebSocket). */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}
