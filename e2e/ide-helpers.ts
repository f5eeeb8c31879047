import { expect, type Page } from "@playwright/test";
import { signUpApi, uniqueEmail } from "./helpers";

/** A fresh student account per test: runs are one-per-user, so parallel tests must not share one. */
export async function signUpFresh(page: Page, baseURL: string | undefined, tag = "ide"): Promise<string> {
  const email = uniqueEmail(tag);
  const res = await signUpApi(page.request, baseURL, email);
  expect(res.status(), await res.text()).toBe(200);
  return email;
}

/** Records every request (and WebSocket) the page makes to a host other than the app. */
export function watchForeignRequests(page: Page, baseURL: string | undefined): string[] {
  const app = new URL(baseURL!);
  const foreign: string[] = [];
  const check = (url: string) => {
    const u = new URL(url);
    if (u.protocol === "data:" || u.protocol === "blob:") return;
    if (u.host !== app.host) foreign.push(url);
  };
  page.on("request", (r) => check(r.url()));
  page.on("websocket", (ws) => check(ws.url()));
  return foreign;
}

/** Waits until Monaco has loaded (from the app's own /monaco/vs). */
export async function editorReady(page: Page) {
  await expect(page.locator('[data-testid="editor"] .monaco-editor .view-lines')).toBeVisible({ timeout: 30_000 });
}

/** Replaces the editor's text by typing it, line by line, as a user would. */
export async function typeProgram(page: Page, lines: string[]) {
  await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  for (const [i, line] of lines.entries()) {
    await page.keyboard.type(line, { delay: 5 });
    await page.keyboard.press("Escape"); // close the suggestion widget, so Enter is a newline
    if (i < lines.length - 1) {
      await page.keyboard.press("Enter");
      // Monaco may auto-indent; the programs here are flat, so remove it.
      await page.keyboard.press("Shift+Home");
      await page.keyboard.press("Delete");
    }
  }
  await expect.poll(() => source(page)).toBe(lines.join("\n"));
}

export function source(page: Page): Promise<string> {
  return page.evaluate(() => window.__arbiterIde?.getSource() ?? "");
}

export async function setProgram(page: Page, code: string) {
  await page.evaluate((c) => window.__arbiterIde!.setSource(c), code);
}

/** The console's text: xterm's buffer, scrollback included (what the user sees or can scroll to). */
export function consoleText(page: Page): Promise<string> {
  return page.evaluate(() => window.__arbiterIde?.consoleText() ?? "");
}

/** The rows xterm has rendered into the DOM right now. */
export function visibleConsoleText(page: Page): Promise<string> {
  return page.locator('[data-testid="console"] .xterm-rows').innerText();
}

export const runStatus = (page: Page) => page.getByTestId("run-status");
