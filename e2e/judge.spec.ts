import { expect, test, type Page } from "@playwright/test";
import { editorReady, setProgram, signUpFresh, watchForeignRequests } from "./ide-helpers";

/**
 * Judging through the UI: submit on a problem page, the per-test table fills in live over the
 * WebSocket, the submission page shows the same after a reload, and a failed sample test shows
 * input and expected vs actual output in Monaco's diff editor.
 */
let foreign: string[] = [];
test.beforeEach(async ({ page, baseURL }) => {
  foreign = watchForeignRequests(page, baseURL);
  await signUpFresh(page, baseURL, "judge");
});
test.afterEach(() => {
  expect(foreign).toEqual([]);
});

async function openProblem(page: Page, slug: string) {
  await page.goto(`/problems/${slug}`);
  await editorReady(page);
  await page.getByTestId("language").selectOption("python");
}

/** Records, in the page, every distinct "k / n tests" progress the live panel shows. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __judgeProgress: string[] }).__judgeProgress = seen;
    const note = () => {
      const p = document.querySelector('[data-testid="submission-progress"]')?.textContent ?? "";
      if (p && seen.at(-1) !== p) seen.push(p);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

test.describe("Judge", () => {
  test.setTimeout(90_000);

  test("submit: the test table fills in live, and a reload shows the same result", async ({ page }) => {
    await openProblem(page, "a-plus-b");
    await recordProgress(page);
    // Correct, but slow enough per test that the table visibly fills in.
    await setProgram(page, "import time\na, b = map(int, input().split())\ntime.sleep(0.25)\nprint(a + b)\n");
    await page.getByTestId("submit").click();
    const panel = page.getByTestId("submit-panel");
    await expect(panel.getByTestId("submission-live")).toBeVisible();
    // Partial progress is seen while judging runs.
    await expect(panel.getByTestId("submission-phase")).toContainText(/Running test \d+ of 10/, { timeout: 30_000 });
    await expect(panel.getByTestId("submission-verdict")).toHaveAttribute("data-verdict", "AC", { timeout: 60_000 });
    const progress = await page.evaluate(() => (window as unknown as { __judgeProgress: string[] }).__judgeProgress);
    const partial = progress.filter((p) => /^([1-9]) \/ 10 tests$/.test(p));
    expect(partial.length, progress.join(" | ")).toBeGreaterThanOrEqual(3);
    await expect(panel.getByTestId("test-row")).toHaveCount(10);
    await expect(panel.locator('[data-testid="test-row"][data-status="AC"]')).toHaveCount(10);

    await panel.getByTestId("submission-link").click();
    await expect(page).toHaveURL(/\/submissions\/[a-z0-9]+$/);
    for (let i = 0; i < 2; i++) {
      await expect(page.getByTestId("submission-verdict")).toHaveAttribute("data-verdict", "AC");
      await expect(page.locator('[data-testid="test-row"][data-status="AC"]')).toHaveCount(10);
      await expect(page.getByTestId("submission-progress")).toHaveText("10 / 10 tests");
      await page.getByText("Code").click();
      await expect(page.getByTestId("submission-source")).toContainText("time.sleep(0.25)");
      await page.reload();
    }
    // History lists it.
    await page.goto("/submissions?problem=a-plus-b");
    await expect(page.getByTestId("submissions-table").locator('[data-verdict="AC"]')).toHaveCount(1);
  });

  test("a failed sample shows input, expected and actual output side by side", async ({ page }, testInfo) => {
    await openProblem(page, "a-plus-b");
    await setProgram(page, "a, b = map(int, input().split())\nprint(a - b)\n");
    await page.getByTestId("submit").click();
    const panel = page.getByTestId("submit-panel");
    await expect(panel.getByTestId("submission-verdict")).toHaveAttribute("data-verdict", "WA", { timeout: 60_000 });
    // Stop at first failure: test 1 (a sample) fails, the rest are skipped.
    await expect(panel.locator('[data-testid="test-row"][data-status="WA"]')).toHaveCount(1);
    await expect(panel.locator('[data-testid="test-row"][data-status="SKIPPED"]')).toHaveCount(9);
    await panel.getByTestId("submission-link").click();
    await expect(page).toHaveURL(/\/submissions\/[a-z0-9]+$/);
    await page.reload();
    const failure = page.getByTestId("sample-failure");
    await expect(failure).toHaveCount(1);
    await expect(failure.getByTestId("sample-input")).toHaveText("1 2");
    const diff = failure.getByTestId("output-diff");
    await expect(diff.locator(".monaco-diff-editor")).toBeVisible({ timeout: 30_000 });
    await expect(diff.locator(".editor.original .view-lines")).toContainText("3");
    await expect(diff.locator(".editor.modified .view-lines")).toContainText("-1");
    await page.screenshot({ path: testInfo.outputPath("judge-sample-diff.png"), fullPage: true });
  });
});
