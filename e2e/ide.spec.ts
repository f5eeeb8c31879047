import { expect, test, type Page } from "@playwright/test";
import {
  consoleText,
  editorReady,
  runStatus,
  setProgram,
  signUpFresh,
  source,
  typeProgram,
  visibleConsoleText,
  watchForeignRequests,
} from "./ide-helpers";

let foreign: string[] = [];
test.beforeEach(async ({ page, baseURL }) => {
  foreign = watchForeignRequests(page, baseURL);
  await signUpFresh(page, baseURL);
});
test.afterEach(() => {
  // Monaco, xterm and everything else come from the app: nothing may leave it.
  expect(foreign).toEqual([]);
});

async function openPlayground(page: Page) {
  await page.goto("/playground");
  await editorReady(page);
}

test.describe("Web IDE", () => {
  test("streams output live: the first line is visible before the second is printed", async ({ page }) => {
    await openPlayground(page);
    await typeProgram(page, ["import time", 'print("first line", flush=True)', "time.sleep(1)", 'print("second line")']);
    await page.getByTestId("run").click();
    await expect.poll(() => visibleConsoleText(page), { timeout: 10_000, intervals: [20] }).toContain("first line");
    const firstSeen = Date.now();
    expect(await consoleText(page)).not.toContain("second line");
    await expect.poll(() => visibleConsoleText(page), { intervals: [20] }).toContain("second line");
    expect(Date.now() - firstSeen).toBeGreaterThan(700);
    await expect(runStatus(page)).toHaveAttribute("data-status", "OK");
    const summary = page.getByTestId("run-summary");
    await expect(summary).toContainText("exit code 0");
    await expect(summary).toContainText(/CPU \d+ ms/);
    await expect(summary).toContainText(/wall 1\.\d\d s/);
    await expect(summary).toContainText(/memory [\d.]+ (KB|MB)/);
  });

  test("an interactive program reads two lines typed into the console and answers each", async ({ page }) => {
    await openPlayground(page);
    await typeProgram(page, ['a = input("name? ")', 'print("hello " + a, flush=True)', 'b = input("again? ")', 'print("bye " + b)']);
    await page.keyboard.press("Control+Enter"); // Ctrl+Enter runs
    await expect.poll(() => consoleText(page)).toContain("name?");
    await page.getByTestId("console").click();
    await page.keyboard.type("Ada");
    await page.keyboard.press("Enter");
    await expect.poll(() => consoleText(page)).toContain("hello Ada");
    await expect.poll(() => consoleText(page)).toContain("again?");
    expect(await consoleText(page)).not.toContain("bye");
    await page.keyboard.type("Bob");
    await page.keyboard.press("Enter");
    await expect.poll(() => consoleText(page)).toContain("bye Bob");
    await expect(runStatus(page)).toHaveAttribute("data-status", "OK");
  });

  test("Ctrl+D ends the input of a program that reads until EOF", async ({ page }) => {
    await openPlayground(page);
    await setProgram(page, 'import sys\nlines = sys.stdin.read().splitlines()\nprint("got", len(lines), "lines")\n');
    await page.getByTestId("run").click();
    await expect(runStatus(page)).toHaveAttribute("data-phase", "running");
    await page.getByTestId("console").click();
    await page.keyboard.type("one");
    await page.keyboard.press("Enter");
    await page.keyboard.type("two");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Control+d");
    await expect.poll(() => consoleText(page)).toContain("got 2 lines");
  });

  test("Stop ends an infinite loop within 1 s", async ({ page }) => {
    await openPlayground(page);
    await typeProgram(page, ['print("looping", flush=True)', "while True: pass"]);
    await page.getByTestId("run").click();
    await expect.poll(() => consoleText(page)).toContain("looping");
    const t0 = Date.now();
    await page.getByTestId("stop").click();
    await expect(runStatus(page)).toHaveAttribute("data-status", "STOPPED", { timeout: 1000 });
    expect(Date.now() - t0).toBeLessThan(1000);
    await expect.poll(() => consoleText(page)).toContain("Stopped");
  });

  test("Esc stops a run", async ({ page }) => {
    await openPlayground(page);
    await setProgram(page, 'import time\nprint("waiting", flush=True)\ntime.sleep(20)\n');
    await page.getByTestId("run").click();
    await expect.poll(() => consoleText(page)).toContain("waiting");
    await page.keyboard.press("Escape");
    await expect(runStatus(page)).toHaveAttribute("data-status", "STOPPED", { timeout: 2000 });
  });

  test("output is text: <script> shows literally, escape sequences are neutralised, stderr is red", async ({ page }) => {
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await openPlayground(page);
    await typeProgram(page, ['print("<script>alert(1)</script><b>bold</b>")', 'import sys; sys.stderr.write("to stderr\\n")']);
    await setProgram(page, (await source(page)) + '\nprint("\\x1b]0;pwned\\x07\\x1b[2Jtitle-safe \\x1b[32mgreen\\x1b[0m")\n');
    await page.getByTestId("run").click();
    await expect(runStatus(page)).toHaveAttribute("data-status", "OK");
    const text = await visibleConsoleText(page); // as rendered in the DOM
    expect(text).toContain("<script>alert(1)</script><b>bold</b>");
    expect(text).toContain("title-safe green");
    expect(text).not.toContain("pwned");
    expect(await page.title()).not.toContain("pwned");
    expect(await page.locator("b", { hasText: "bold" }).count()).toBe(0);
    expect(dialogs).toBe(0);
    // stderr is drawn in a different colour (xterm's bright red, palette index 9)
    const stderrRow = page.locator('[data-testid="console"] .xterm-rows span', { hasText: "to stderr" });
    await expect(stderrRow.first()).toHaveClass(/xterm-fg-9/);
  });

  test("highlighting and completion for each language, served by the app", async ({ page }) => {
    await openPlayground(page);
    await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.press("Delete");
    await page.keyboard.type("pri");
    const suggest = page.locator(".monaco-editor .suggest-widget");
    await expect(suggest).toBeVisible();
    await expect(suggest).toContainText("print");
    await page.keyboard.press("Escape");
    for (const [lang, word] of [
      ["c", "printf"],
      ["cpp", "cout"],
    ] as const) {
      await page.getByTestId("language").selectOption(lang);
      await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
      await page.keyboard.press("ControlOrMeta+End");
      await page.keyboard.press("Enter");
      await page.keyboard.type(word.slice(0, 3));
      await expect(suggest).toContainText(word);
      await page.keyboard.press("Escape");
    }
    // keywords are coloured (tokenised), not plain text
    await expect(page.locator('[data-testid="editor"] .view-lines span[class*="mtk"]').first()).toBeVisible();
    expect(await page.locator('[data-testid="editor"] .view-lines span[class*="mtk"]').evaluateAll((els) => new Set(els.map((e) => e.className)).size)).toBeGreaterThan(2);
  });

  test("a compile error shows the compiler's message", async ({ page }) => {
    await openPlayground(page);
    await page.getByTestId("language").selectOption("c");
    await setProgram(page, "int main(void) { return missing_name; }\n");
    await page.getByTestId("run").click();
    await expect(runStatus(page)).toHaveAttribute("data-status", "CE", { timeout: 15_000 });
    await expect.poll(() => consoleText(page)).toContain("missing_name");
  });

  test("huge output is capped with a visible notice and the page stays responsive", async ({ page }) => {
    await openPlayground(page);
    await setProgram(page, 'import sys\nline = "x" * 99 + "\\n"\nwhile True: sys.stdout.write(line)\n');
    await page.getByTestId("run").click();
    await expect(runStatus(page)).toHaveAttribute("data-status", "OLE", { timeout: 15_000 });
    await expect.poll(() => consoleText(page)).toContain("output truncated");
    // still responsive: the editor takes typing at once
    const t0 = Date.now();
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  test("a reload during a run re-attaches: output is not lost and keeps coming", async ({ page }) => {
    await openPlayground(page);
    await setProgram(page, 'import time\nfor i in range(12):\n    print("tick", i, flush=True)\n    time.sleep(0.25)\n');
    await page.getByTestId("run").click();
    await expect.poll(() => consoleText(page)).toContain("tick 2");
    await page.reload();
    await editorReady(page);
    await expect.poll(() => consoleText(page), { timeout: 10_000 }).toContain("tick 11");
    const text = await consoleText(page);
    for (let i = 0; i < 12; i++) expect(text).toContain(`tick ${i}`);
    await expect(runStatus(page)).toHaveAttribute("data-status", "OK");
  });

  test("drafts are saved, restored on reload and in another browser; reset asks first", async ({ page, browser, baseURL }) => {
    await openPlayground(page);
    await typeProgram(page, ['print("my draft")']);
    await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 5000 });
    await page.reload();
    await editorReady(page);
    expect(await source(page)).toBe('print("my draft")');

    // Another browser: same account, fresh cookies and storage.
    const cookies = await page.context().cookies();
    const other = await browser.newContext({ baseURL });
    await other.addCookies(cookies);
    const page2 = await other.newPage();
    await page2.goto("/playground");
    await editorReady(page2);
    expect(await source(page2)).toBe('print("my draft")');
    await other.close();

    // Reset: declined keeps the draft, accepted restores the starter code.
    page.once("dialog", (d) => void d.dismiss());
    await page.getByTestId("reset").click();
    expect(await source(page)).toBe('print("my draft")');
    page.once("dialog", (d) => void d.accept());
    await page.getByTestId("reset").click();
    await expect.poll(() => source(page)).toContain("input(");
    await page.reload();
    await editorReady(page);
    expect(await source(page)).toContain("input(");
  });

  test("problem page: editor beside the statement, starter code, custom input, per-problem drafts", async ({ page }) => {
    await page.goto("/problems/a-plus-b");
    await editorReady(page);
    await expect(page.getByRole("heading", { name: "A + B" })).toBeVisible();
    expect(await source(page)).toBe("a, b = map(int, input().split())\nprint(a + b)\n");
    await page.getByTestId("stdin").fill("20 22\n");
    await page.getByTestId("run").click();
    await expect(runStatus(page)).toHaveAttribute("data-status", "OK");
    await expect.poll(() => consoleText(page)).toContain("42");
    // The statement and the editor are side by side.
    const statement = await page.getByTestId("statement").boundingBox();
    const ide = await page.getByTestId("ide").boundingBox();
    expect(statement!.x + statement!.width).toBeLessThanOrEqual(ide!.x + 1);
    // C++ starter code from the problem
    await page.getByTestId("language").selectOption("cpp");
    await expect.poll(() => source(page)).toContain("std::cin >> a >> b");
  });
});

test.describe("Web IDE layout and shortcuts", () => {
  test("panes resize by dragging the dividers", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto("/problems/a-plus-b");
    await editorReady(page);
    const editor = page.getByTestId("editor");
    const before = (await editor.boundingBox())!;
    const divider = page.getByRole("separator", { name: "Resize editor and console" });
    const box = (await divider.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y - 120, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await editor.boundingBox())!.height).toBeLessThan(before.height - 100);
    const statement = page.getByTestId("statement");
    const sBefore = (await statement.boundingBox())!.width;
    await page.getByRole("separator", { name: "Resize statement and editor" }).focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(async () => (await statement.boundingBox())!.width).toBeGreaterThan(sBefore + 50);
  });

  test("Ctrl+Shift+Enter submits on a problem page (the judge's panel is wired through the IDE)", async ({ page }) => {
    await page.goto("/problems/a-plus-b");
    await editorReady(page);
    await expect(page.getByTestId("submit")).toBeVisible();
    await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
    await page.keyboard.press("Control+Shift+Enter");
    await expect(page.getByTestId("submit-panel")).toBeVisible({ timeout: 15_000 });
    // the shortcut did not insert a line into the code
    expect(await source(page)).toBe("a, b = map(int, input().split())\nprint(a + b)\n");
  });
});

test.describe("screenshots", () => {
  for (const scheme of ["light", "dark"] as const) {
    test(`IDE pages (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto("/playground");
      await editorReady(page);
      await page.getByTestId("run").click();
      await expect.poll(() => consoleText(page)).toContain("Your name?");
      await page.getByTestId("console").click();
      await page.keyboard.type("Grace");
      await page.keyboard.press("Enter");
      await expect(runStatus(page)).toHaveAttribute("data-status", "OK");
      await page.screenshot({ path: `test-results/screens/ide-playground-${scheme}.png` });
      await page.goto("/problems/range-sums");
      await editorReady(page);
      await page.getByTestId("run").click();
      await expect(runStatus(page)).toHaveAttribute("data-phase", "running");
      await page.getByTestId("stop").click();
      await expect(runStatus(page)).toHaveAttribute("data-phase", "idle");
      await page.screenshot({ path: `test-results/screens/ide-problem-${scheme}.png` });
    });
  }
});
