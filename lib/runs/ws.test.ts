import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
vi.mock("../auth/guards", () => ({ authorize: vi.fn() }));
const handleRunMessage = vi.fn(async () => {});
vi.mock("./service", () => ({ handleRunMessage, detachRunConnection: vi.fn(), stopAllRuns: vi.fn() }));
const { handleMessage } = await import("../ws/server");

const user = { id: "u1", name: "U", email: "u@x.org", role: "student" as const };
const conn = { id: "c1", userId: "u1", send: vi.fn() };

describe("run messages on /ws", () => {
  it("passes valid run messages with the socket's user and connection to the run handler", async () => {
    const msg = { type: "run.start", language: "python", source: "print(1)" };
    expect(await handleMessage(user, JSON.stringify(msg), conn)).toBeNull();
    expect(handleRunMessage).toHaveBeenCalledWith(conn, user, msg);
  });
  it("answers invalid run messages with run.error bad_request", async () => {
    handleRunMessage.mockClear();
    const big = { type: "run.start", language: "python", source: "x".repeat(70_000), requestId: "r1" };
    expect(await handleMessage(user, JSON.stringify(big), conn)).toMatchObject({ type: "run.error", code: "bad_request", requestId: "r1" });
    expect(await handleMessage(user, JSON.stringify({ type: "run.start", language: "brainfuck", source: "" }), conn)).toMatchObject({
      type: "run.error",
      code: "bad_request",
    });
    expect(await handleMessage(user, JSON.stringify({ type: "run.stop" }), conn)).toMatchObject({ type: "run.error", code: "bad_request" });
    expect(handleRunMessage).not.toHaveBeenCalled();
  });
});
