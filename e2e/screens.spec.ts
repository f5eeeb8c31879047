import { expect, test } from "@playwright/test";
import { SEEDED, signInApi } from "./helpers";

// Screenshots for a human (or an agent) to look at: test-results/screens/*.png
for (const scheme of ["light", "dark"] as const) {
  test(`problem list and problem page (${scheme})`, async ({ page, baseURL }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1200, height: 800 });
    await signInApi(page, baseURL, SEEDED.student);
    await page.goto("/problems");
    await expect(page.getByRole("link", { name: "A + B" })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/problems-${scheme}.png`, fullPage: true });
    await page.goto("/problems/range-sums");
    await expect(page.getByTestId("sample")).toHaveCount(1);
    await page.screenshot({ path: `test-results/screens/problem-${scheme}.png`, fullPage: true });
    await page.goto("/problems/fibonacci-mod");
    await page.screenshot({ path: `test-results/screens/problem-table-${scheme}.png`, fullPage: true });
  });
}

test("start page, sign-in, 403 and the users page", async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.goto("/");
  await page.screenshot({ path: "test-results/screens/home.png" });
  await page.goto("/sign-in");
  await page.screenshot({ path: "test-results/screens/sign-in.png" });
  await signInApi(page, baseURL, SEEDED.student);
  await page.goto("/instructor");
  await page.screenshot({ path: "test-results/screens/forbidden.png" });
  await page.context().clearCookies();
  await signInApi(page, baseURL, SEEDED.admin);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/admin-users.png", fullPage: true });
});
