import { expect, test } from "@playwright/test";
import WebSocket from "ws";
import { cookieHeader, SEEDED, signInApi } from "./helpers";

type Outcome = { status?: number; message?: unknown };

function connect(url: string, headers: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on("unexpected-response", (_req, res) => resolve({ status: res.statusCode }));
    ws.on("open", () => ws.send(JSON.stringify({ type: "hello" })));
    ws.on("message", (data) => {
      resolve({ status: 101, message: JSON.parse(data.toString()) });
      ws.close();
    });
    ws.on("error", () => undefined);
  });
}

test.describe("WebSocket /ws", () => {
  test("refuses unauthenticated upgrades with 401", async ({ baseURL }) => {
    const url = baseURL!.replace(/^http/, "ws") + "/ws";
    expect(await connect(url, {})).toEqual({ status: 401 });
    expect(await connect(url, { cookie: "arbiter.session_token=forged.value" })).toEqual({ status: 401 });
  });

  test("answers hello with the signed-in user, refuses foreign origins", async ({ page, baseURL }) => {
    await signInApi(page, baseURL, SEEDED.instructor);
    const cookie = await cookieHeader(page.context());
    const url = baseURL!.replace(/^http/, "ws") + "/ws";
    const ok = await connect(url, { cookie, origin: new URL(baseURL!).origin });
    expect(ok.status).toBe(101);
    expect(ok.message).toMatchObject({ type: "hello", user: { role: "instructor" } });
    expect(await connect(url, { cookie, origin: "http://evil.example" })).toEqual({ status: 403 });
  });
});
