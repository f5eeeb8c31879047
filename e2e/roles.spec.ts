import { expect, test, type Page } from "@playwright/test";
import { origin, SEEDED, signInApi, signUpApi, uniqueEmail } from "./helpers";

async function status(page: Page, path: string): Promise<number | undefined> {
  return (await page.goto(path))?.status();
}

test.describe("anonymous visitors", () => {
  test("are sent to sign in", async ({ page }) => {
    for (const path of ["/problems", "/problems/a-plus-b", "/instructor", "/admin/users"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/sign-in$/);
    }
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Arbiter" })).toBeVisible();
  });
});

test.describe("student", () => {
  test.beforeEach(async ({ page, baseURL }) => signInApi(page, baseURL, SEEDED.student));

  test("sees published problems, samples but never hidden tests", async ({ page }) => {
    expect(await status(page, "/problems")).toBe(200);
    for (const title of ["A + B", "Sum of N Numbers", "Area of a Circle", "Reverse the Words", "Greatest Common Divisors", "Range Sum Queries"]) {
      await expect(page.getByRole("link", { name: title })).toBeVisible();
    }
    await expect(page.getByText("Hello (draft)")).toHaveCount(0);

    const res = await page.goto("/problems/a-plus-b");
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "A + B" })).toBeVisible();
    await expect(page.getByTestId("sample")).toHaveCount(2);
    await expect(page.getByTestId("sample").first()).toContainText("1 2");
    // Hidden tests of a-plus-b include "1000000000 1000000000" and "-1000000000 -1000000000":
    // they appear nowhere in the HTML or the RSC payload.
    const html = await res!.text();
    expect(html).not.toContain("1000000000 1000000000");
    expect(html).not.toContain("2000000000");
    const rsc = await page.request.get("/problems/a-plus-b", { headers: { RSC: "1" } });
    expect(await rsc.text()).not.toContain("1000000000 1000000000");
  });

  test("cannot see drafts, /instructor or /admin/users", async ({ page }) => {
    expect(await status(page, "/problems/hello-draft")).toBe(404);
    expect(await status(page, "/instructor")).toBe(403);
    await expect(page.getByRole("heading", { name: "Forbidden" })).toBeVisible();
    expect(await status(page, "/admin/users")).toBe(403);
    await expect(page.getByRole("link", { name: "Instructor" })).toHaveCount(0);
  });
});

test.describe("instructor", () => {
  test.beforeEach(async ({ page, baseURL }) => signInApi(page, baseURL, SEEDED.instructor));

  test("opens /instructor and drafts but not /admin/users", async ({ page }) => {
    expect(await status(page, "/instructor")).toBe(200);
    await expect(page.getByRole("heading", { name: "Instructor dashboard" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Hello (draft)" })).toBeVisible();
    expect(await status(page, "/problems/hello-draft")).toBe(200);
    expect(await status(page, "/admin/users")).toBe(403);
  });
});

test.describe("admin", () => {
  test("changes a role; the change takes effect at once", async ({ page, baseURL, browser }) => {
    // A fresh student in a separate browser context.
    const email = uniqueEmail("promote");
    const other = await browser.newContext({ baseURL });
    const otherPage = await other.newPage();
    expect((await signUpApi(otherPage.request, baseURL, email)).status()).toBe(200);
    expect(await status(otherPage, "/instructor")).toBe(403);

    await signInApi(page, baseURL, SEEDED.admin);
    expect(await status(page, "/admin/users")).toBe(200);
    const row = page.locator(`[data-testid=user-row][data-email="${email}"]`);
    await row.getByRole("combobox").selectOption("instructor");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("status")).toHaveText(`${email} is now instructor`);

    expect(await status(otherPage, "/instructor")).toBe(200);
    expect(await status(otherPage, "/admin/users")).toBe(403);
    await other.close();
  });

  test("the role-change server action re-checks the caller's role", async ({ page, baseURL, browser }) => {
    // Record a genuine server-action request made by the admin...
    const victimEmail = uniqueEmail("victim");
    const v = await browser.newContext({ baseURL });
    expect((await signUpApi(v.request, baseURL, victimEmail)).status()).toBe(200);

    await signInApi(page, baseURL, SEEDED.admin);
    await page.goto("/admin/users");
    const row = page.locator(`[data-testid=user-row][data-email="${victimEmail}"]`);
    await row.getByRole("combobox").selectOption("student");
    const [req] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
      row.getByRole("button", { name: "Save" }).click(),
    ]);
    const headers = req.headers();
    const body = req.postDataBuffer()!;
    // ...then replay it as a student, asking for "admin" for the victim.
    const student = await browser.newContext({ baseURL });
    const sp = await student.newPage();
    await signInApi(sp, baseURL, SEEDED.student);
    const forged = Buffer.from(body.toString("latin1").replace(/\r\nstudent\r\n/, "\r\nadmin\r\n"), "latin1");
    expect(forged.toString("latin1")).toContain("\r\nadmin\r\n");
    const res = await sp.request.post("/admin/users", {
      headers: {
        "next-action": headers["next-action"]!,
        "content-type": headers["content-type"]!,
        "next-router-state-tree": headers["next-router-state-tree"] ?? "",
        accept: "text/x-component",
        origin: origin(baseURL),
      },
      data: forged,
    });
    expect(res.status()).not.toBe(200);

    // The victim is still a student.
    const session = await (await v.request.get("/api/auth/get-session")).json();
    expect(session.user.role).toBe("student");
    await student.close();
    await v.close();
  });
});
