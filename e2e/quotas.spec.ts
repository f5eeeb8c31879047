import { expect, test } from "@playwright/test";
import WebSocket from "ws";
import { cookieHeader, origin, SEEDED, signInApi } from "./helpers";
import { consoleText, editorReady, setProgram, signUpFresh } from "./ide-helpers";

/**
 * Quotas as a user meets them: an admin gives a student one run per minute in the UI (no
 * restart); the IDE's meter shows the usage, Run is disabled with the reason once it is used
 * up, a run forced through the WebSocket is refused with the limit's numbers, and the admin's
 * usage table shows the run and can reset it.
 */
test("a run limit set by an admin shows in the IDE and is enforced on the server", async ({ page, baseURL, browser }) => {
  const email = await signUpFresh(page, baseURL, "quota");

  const admin = await browser.newContext({ baseURL });
  const adminPage = await admin.newPage();
  await signInApi(adminPage, baseURL, SEEDED.admin);
  await adminPage.goto("/admin/quotas");
  const override = adminPage.getByTestId("user-quota");
  await override.getByLabel("User email").fill(email);
  await override.getByLabel("Runs per minute").fill("1");
  await override.getByRole("button", { name: "Save overrides" }).click();
  await expect(override.getByRole("status")).toContainText(`Overrides saved for ${email}`);

  await page.goto("/playground");
  await editorReady(page);
  const meter = page.getByTestId("usage-meter");
  await expect(meter).toContainText("Runs/min");
  await expect(meter).toContainText("0/1");
  await setProgram(page, "print('within the limit')");
  await page.getByTestId("run").click();
  await expect.poll(() => consoleText(page)).toContain("within the limit");
  await expect(meter).toContainText("1/1");
  await expect(page.getByTestId("run")).toBeDisabled();
  await expect(page.getByTestId("quota-blocked")).toContainText("Run limit reached (1 per minute); more at");
  await page.screenshot({ path: "test-results/screens/quota-blocked.png" });

  // The server refuses too, whatever the page shows.
  const ws = new WebSocket(`${origin(baseURL).replace("http", "ws")}/ws`, { headers: { cookie: await cookieHeader(page.context()), origin: origin(baseURL) } });
  const refusal = await new Promise<Record<string, unknown>>((resolve, reject) => {
    ws.on("open", () => ws.send(JSON.stringify({ type: "run.start", language: "python", source: "print(1)", stdin: "" })));
    ws.on("message", (data) => {
      const msg = JSON.parse(data.toString()) as Record<string, unknown>;
      if (msg.type === "run.error" || msg.type === "run.started") resolve(msg);
    });
    ws.on("error", reject);
  });
  ws.close();
  expect(refusal).toMatchObject({ type: "run.error", code: "quota_exceeded", quota: { limit: "runsPerMinute", used: 1, max: 1 } });
  expect((refusal.quota as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);

  // The admin sees the run in today's usage and resets it; Run comes back without a restart.
  await adminPage.goto("/admin/quotas");
  const row = adminPage.getByTestId("usage-table").locator(`tr[data-email="${email}"]`);
  await expect(row).toContainText("1");
  await row.getByRole("button", { name: "reset usage" }).click();
  await page.reload();
  await editorReady(page);
  await expect(page.getByTestId("usage-meter")).toContainText("0/1");
  await expect(page.getByTestId("run")).toBeEnabled();
  await admin.close();
});
