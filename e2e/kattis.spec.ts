import path from "node:path";
import { expect, test } from "@playwright/test";
import { readDirPackage } from "../judge/kattis/files";
import { zipFiles } from "../judge/kattis/export";
import { origin, SEEDED, signInApi } from "./helpers";

const FIXTURES = path.resolve("tests/fixtures/problems");

async function fixtureZip(name: string): Promise<Buffer> {
  const pkg = await readDirPackage(path.join(FIXTURES, name));
  return zipFiles(pkg.files);
}

/** A package with several problems at once (each must be listed). */
async function brokenZip(): Promise<Buffer> {
  const files = new Map<string, Buffer>(
    Object.entries({
      "problem.yaml": "name: Broken\nnmae: typo\nlimits:\n  memory: -5\n",
      "problem_statement/problem.md": "Statement.\n",
      "data/sample/1.in": "1\n",
      "data/sample/1.ans": "1\n",
      "data/secret/2.in": "2\n",
      "notes.txt": "stray file\n",
    }).map(([k, v]) => [k, Buffer.from(v)]),
  );
  return zipFiles(files);
}

test.describe("Kattis package import (instructor)", () => {
  test.beforeEach(async ({ page, baseURL }) => signInApi(page, baseURL, SEEDED.instructor));

  test("uploads a zip, sees the problem with KaTeX math, and verifies its submissions", async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto("/instructor");
    await page.getByRole("link", { name: "Import package" }).click();
    await expect(page.getByRole("heading", { name: "Import a problem package" })).toBeVisible();

    await page.locator('input[name="file"]').setInputFiles({ name: "sumpairs.zip", mimeType: "application/zip", buffer: await fixtureZip("sumpairs") });
    await page.getByRole("button", { name: "Import" }).click();
    const ok = page.getByTestId("import-success");
    await expect(ok).toContainText("Imported Sum Pairs (sumpairs): 9 tests, 8 reference submissions.");
    await page.screenshot({ path: "test-results/screens/kattis-import-ok.png", fullPage: true });

    // The problem page renders the converted LaTeX statement, math through KaTeX.
    await ok.getByRole("link", { name: "Sum Pairs" }).click();
    await expect(page.getByRole("heading", { name: "Sum Pairs" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Input", exact: true })).toBeVisible();
    expect(await page.locator(".katex").count()).toBeGreaterThan(5);
    await expect(page.locator(".katex-display")).toHaveCount(1);
    await expect(page.getByTestId("sample")).toHaveCount(2);
    await page.screenshot({ path: "test-results/screens/kattis-problem.png", fullPage: true });

    // Verify from the instructor dashboard: every submission gets its folder's verdict.
    await page.goto("/instructor");
    const row = page.locator("tr", { has: page.getByRole("link", { name: "Sum Pairs" }) });
    await row.getByRole("link", { name: "Verify" }).click();
    await expect(page.getByRole("heading", { name: "Verify Sum Pairs" })).toBeVisible();
    await expect(page.getByTestId("verify-row")).toHaveCount(8);
    await page.getByRole("button", { name: "Run verify" }).click();
    await expect(page.getByTestId("verify-summary")).toContainText("All submissions got the verdict of their folder.", { timeout: 200_000 });
    await expect(page.locator('[data-testid=verify-row][data-name="time_limit_exceeded/brute.cpp"]')).toContainText("TLE");
    await expect(page.locator('[data-testid=verify-row][data-name="run_time_error/recursive.py"]')).toContainText("RE");
    await page.screenshot({ path: "test-results/screens/kattis-verify.png", fullPage: true });

    // Export downloads a zip that starts with the zip signature.
    const res = await page.request.get("/instructor/import/sumpairs/export");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/zip");
    expect((await res.body()).subarray(0, 2).toString()).toBe("PK");
  });

  test("a bad zip shows every specific error and imports nothing", async ({ page }) => {
    await page.goto("/instructor/import");
    await page.locator('input[name="file"]').setInputFiles({ name: "broken.zip", mimeType: "application/zip", buffer: await brokenZip() });
    await page.getByRole("button", { name: "Import" }).click();
    const errors = page.getByTestId("import-errors");
    await expect(errors).toContainText("Not imported: 4 problems in the package. Nothing was saved.");
    await expect(errors).toContainText("notes.txt: unknown top-level entry");
    await expect(errors).toContainText("problem.yaml: unknown key 'nmae'");
    await expect(errors).toContainText("problem.yaml: limits.memory: must be greater than 0");
    await expect(errors).toContainText("data/secret/2.in: has no matching 2.ans");
    await page.screenshot({ path: "test-results/screens/kattis-import-errors.png", fullPage: true });

    // Not a zip at all.
    await page.locator('input[name="file"]').setInputFiles({ name: "oops.zip", mimeType: "application/zip", buffer: Buffer.from("hello") });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByTestId("import-errors")).toContainText("not a readable zip file");

    await page.goto("/instructor");
    await expect(page.getByRole("link", { name: "Broken" })).toHaveCount(0);
  });

  test("a slug clash is refused unless Replace is ticked", async ({ page }) => {
    const zip = await fixtureZip("trainboarding");
    await page.goto("/instructor/import");
    for (const [testId, expected] of [
      ["import-success", "Imported Train Boarding"],
      ["import-errors", "Not imported: the slug is taken."],
    ]) {
      await page.locator('input[name="file"]').setInputFiles({ name: "trainboarding.zip", mimeType: "application/zip", buffer: zip });
      await page.getByRole("button", { name: "Import" }).click();
      await expect(page.getByTestId(testId)).toContainText(expected);
    }
    await expect(page.getByTestId("import-errors")).toContainText("a problem with slug 'trainboarding' already exists");
    await page.getByLabel(/Replace the problem with the same slug/).check();
    await page.locator('input[name="file"]').setInputFiles({ name: "trainboarding.zip", mimeType: "application/zip", buffer: zip });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByTestId("import-success")).toContainText("Replaced Train Boarding");
  });
});

test("students cannot import", async ({ page, baseURL }) => {
  await signInApi(page, baseURL, SEEDED.student);
  expect((await page.goto("/instructor/import"))?.status()).toBe(403);
  const res = await page.request.post("/instructor/import/upload", {
    headers: { origin: origin(baseURL) },
    multipart: { file: { name: "x.zip", mimeType: "application/zip", buffer: await fixtureZip("trainboarding") } },
  });
  expect(res.status()).toBe(403);
});
