import { expect, test, type BrowserContext } from "@playwright/test";
import WebSocket from "ws";
import { cookieHeader, signUpApi, uniqueEmail } from "./helpers";

/** A raw client of the run protocol, with the cookies of `context`. */
async function client(context: BrowserContext, baseURL: string) {
  const ws = new WebSocket(baseURL.replace(/^http/, "ws") + "/ws", { headers: { cookie: await cookieHeader(context), origin: new URL(baseURL).origin } });
  const messages: Record<string, unknown>[] = [];
  ws.on("message", (d) => messages.push(JSON.parse(d.toString())));
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return {
    messages,
    send: (m: unknown) => ws.send(JSON.stringify(m)),
    next: async (type: string, from = 0) => {
      await expect.poll(() => messages.slice(from).find((m) => m.type === type), { timeout: 15_000 }).toBeTruthy();
      return messages.slice(from).find((m) => m.type === type)!;
    },
    close: () => ws.close(),
  };
}

test("the run protocol on the real server: validation, ownership, stdin and stop", async ({ browser, baseURL }) => {
  const alice = await browser.newContext({ baseURL });
  const bob = await browser.newContext({ baseURL });
  expect((await signUpApi(alice.request, baseURL, uniqueEmail("ws-a"))).status()).toBe(200);
  expect((await signUpApi(bob.request, baseURL, uniqueEmail("ws-b"))).status()).toBe(200);
  const a = await client(alice, baseURL!);
  const b = await client(bob, baseURL!);

  a.send({ type: "run.start", language: "python", source: "x".repeat(70_000), requestId: "big" });
  expect(await a.next("run.error")).toMatchObject({ code: "bad_request", requestId: "big" });

  a.send({ type: "run.start", language: "python", source: "while True:\n    print(input()[::-1], flush=True)\n", requestId: "r1" });
  const started = await a.next("run.started");
  expect(started).toMatchObject({ requestId: "r1", interactive: true, limits: { wallMs: 30_000 } });
  const runId = started.runId as string;

  // Bob cannot touch Alice's run.
  b.send({ type: "run.stdin", runId, data: "bob\n" });
  b.send({ type: "run.stop", runId });
  b.send({ type: "run.attach", runId });
  await expect.poll(() => b.messages.filter((m) => m.type === "run.error" && m.code === "not_found").length).toBe(3);

  a.send({ type: "run.stdin", runId, data: "olleh\n" });
  expect(await a.next("run.output")).toMatchObject({ runId, stream: "stdout", seq: 1 });
  // print() may write the text and the newline separately: join the chunks.
  const stdout = () =>
    a.messages
      .filter((m) => m.type === "run.output" && m.stream === "stdout")
      .map((m) => m.data)
      .join("");
  await expect.poll(stdout).toBe("hello\n");
  a.send({ type: "run.stop", runId });
  const exit = await a.next("run.exit");
  expect(exit).toMatchObject({ runId, result: { status: "STOPPED" } });
  a.close();
  b.close();
  await alice.close();
  await bob.close();
});
