import { describe, expect, it } from "vitest";
import { LANGUAGE_IDS } from "@/sandbox";
import { clientMessageSchema } from "../ws/messages";
import { MAX_SOURCE_BYTES, MAX_STDIN_CHUNK_BYTES, RUN_LANGUAGES, runValidationError } from "./protocol";

const parse = (m: unknown) => clientMessageSchema.safeParse(m);

describe("run protocol validation", () => {
  it("offers exactly the sandbox's languages", () => {
    expect([...RUN_LANGUAGES].sort()).toEqual([...LANGUAGE_IDS].sort());
  });
  it("accepts well-formed run messages", () => {
    expect(parse({ type: "run.start", language: "python", source: "print(1)" }).success).toBe(true);
    expect(parse({ type: "run.start", language: "cpp", source: "", stdin: "1 2\n", problemSlug: "a-plus-b", requestId: "r1" }).success).toBe(true);
    expect(parse({ type: "run.stdin", runId: "abc_123-x", data: "hi\n" }).success).toBe(true);
    expect(parse({ type: "run.eof", runId: "abc" }).success).toBe(true);
    expect(parse({ type: "run.stop", runId: "abc" }).success).toBe(true);
    expect(parse({ type: "run.attach", runId: "abc", afterSeq: 12 }).success).toBe(true);
    expect(parse({ type: "run.attach", runId: "abc" }).success).toBe(true);
  });
  it("refuses unknown languages, extra fields and bad ids", () => {
    expect(parse({ type: "run.start", language: "ruby", source: "" }).success).toBe(false);
    expect(parse({ type: "run.start", language: "python", source: "", limits: { cpuMs: 1e9 } }).success).toBe(false);
    expect(parse({ type: "run.stdin", runId: "../x", data: "" }).success).toBe(false);
    expect(parse({ type: "run.stdin", runId: "", data: "" }).success).toBe(false);
    expect(parse({ type: "run.attach", runId: "a", afterSeq: 1.5 }).success).toBe(false);
    expect(parse({ type: "run.stop" }).success).toBe(false);
  });
  it("limits source to 64 KiB and stdin chunks to 64 KiB, counted in UTF-8 bytes", () => {
    expect(parse({ type: "run.start", language: "c", source: "x".repeat(MAX_SOURCE_BYTES) }).success).toBe(true);
    expect(parse({ type: "run.start", language: "c", source: "x".repeat(MAX_SOURCE_BYTES + 1) }).success).toBe(false);
    expect(parse({ type: "run.start", language: "c", source: "é".repeat(MAX_SOURCE_BYTES / 2 + 1) }).success).toBe(false);
    expect(parse({ type: "run.stdin", runId: "a", data: "y".repeat(MAX_STDIN_CHUNK_BYTES + 1) }).success).toBe(false);
    expect(parse({ type: "run.start", language: "c", source: "", stdin: "y".repeat(MAX_STDIN_CHUNK_BYTES + 1) }).success).toBe(false);
  });
  it("turns an invalid run message into run.error bad_request naming the problem", () => {
    const msg = { type: "run.start", language: "c", source: "x".repeat(MAX_SOURCE_BYTES + 1), requestId: "r7" };
    const result = parse(msg);
    expect(result.success).toBe(false);
    const err = runValidationError(msg, result.error!);
    expect(err).toMatchObject({ type: "run.error", code: "bad_request", requestId: "r7" });
    expect(err && "message" in err && err.message).toContain("larger than 65536 bytes");
    const other = { type: "launch" };
    expect(runValidationError(other, parse(other).error!)).toBeNull();
  });
});
