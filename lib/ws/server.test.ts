import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
vi.mock("../auth/guards", () => ({ authorize: vi.fn() }));
const { handleMessage } = await import("./server");

const user = { id: "u1", name: "U", email: "u@x.org", role: "instructor" as const };

describe("handleMessage", () => {
  it("answers hello with the user's id and role", async () => {
    expect(await handleMessage(user, JSON.stringify({ type: "hello" }))).toEqual({
      type: "hello",
      user: { id: "u1", role: "instructor" },
    });
  });
  it("rejects malformed and unknown messages", async () => {
    expect(await handleMessage(user, "not json")).toMatchObject({ type: "error", code: "bad_message" });
    expect(await handleMessage(user, JSON.stringify({ type: "launch" }))).toMatchObject({ type: "error" });
    expect(await handleMessage(user, JSON.stringify({ type: "hello", extra: 1 }))).toMatchObject({ type: "error" });
  });
});
