import { expect, test } from "@playwright/test";
import { origin, SEEDED, signUpApi, uniqueEmail } from "./helpers";

test.describe("accounts", () => {
  test("sign up, sign out and sign in through the UI", async ({ page }) => {
    const email = uniqueEmail("ui");
    const password = "a-good-password-42";

    await page.goto("/");
    await page.getByRole("link", { name: "Sign up" }).first().click();
    await expect(page).toHaveURL(/\/sign-up$/);
    await page.getByLabel("Name").fill("Ada Lovelace");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign up" }).click();

    await expect(page).toHaveURL(/\/problems$/);
    await expect(page.getByTestId("current-user")).toContainText("Ada Lovelace");
    await expect(page.getByTestId("current-role")).toHaveText("student");

    // The session cookie is httpOnly and SameSite=Lax.
    const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("session_token"));
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("current-user")).toHaveCount(0);
    await page.goto("/problems");
    await expect(page).toHaveURL(/\/sign-in$/);

    // Wrong password: an error, still signed out.
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);

    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/problems$/);
    await expect(page.getByTestId("current-role")).toHaveText("student");
  });

  test("a role sent by the client at sign-up is ignored", async ({ page, baseURL }) => {
    const email = uniqueEmail("sneaky");
    const res = await signUpApi(page.request, baseURL, email, { role: "admin" });
    expect(res.status()).toBe(200);
    expect((await res.json()).user.role).toBe("student");

    const session = await (await page.request.get("/api/auth/get-session")).json();
    expect(session.user.email).toBe(email);
    expect(session.user.role).toBe("student");

    // ...and cannot be set afterwards either.
    const upd = await page.request.post("/api/auth/update-user", {
      headers: { origin: origin(baseURL) },
      data: { role: "admin" },
    });
    expect(upd.status()).toBe(400);
    const again = await (await page.request.get("/api/auth/get-session")).json();
    expect(again.user.role).toBe("student");

    const adminPage = await page.goto("/admin/users");
    expect(adminPage?.status()).toBe(403);
  });

  test("auth mutations from another origin are refused", async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL });
    try {
      // Without cookies (login CSRF).
      const foreign = await api.post("/api/auth/sign-in/email", {
        headers: { origin: "http://evil.example" },
        data: { email: SEEDED.student, password: "e2e-seed-password-1" },
      });
      expect(foreign.status()).toBe(403);
      expect(foreign.headers()["set-cookie"]).toBeUndefined();

      const foreignSignUp = await api.post("/api/auth/sign-up/email", {
        headers: { origin: "http://evil.example" },
        data: { email: uniqueEmail("csrf"), password: "correct-horse-9", name: "x" },
      });
      expect(foreignSignUp.status()).toBe(403);

      // Same request from the app's own origin works (so the 403 above is the origin check).
      const own = await api.post("/api/auth/sign-in/email", {
        headers: { origin: origin(baseURL) },
        data: { email: SEEDED.student, password: "e2e-seed-password-1" },
      });
      expect(own.status()).toBe(200);

      // With the session cookie (classic CSRF): refused too, and the name is unchanged.
      const withCookie = await api.post("/api/auth/update-user", {
        headers: { origin: "http://evil.example" },
        data: { name: "pwned" },
      });
      expect(withCookie.status()).toBe(403);
      const session = await (await api.get("/api/auth/get-session")).json();
      expect(session.user.name).not.toBe("pwned");
    } finally {
      await api.dispose();
    }
  });
});
