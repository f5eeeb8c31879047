import { describe, expect, it } from "vitest";
import { RunOutput, type OutputChunk } from "./output";

describe("RunOutput", () => {
  it("joins UTF-8 characters and escape sequences split across chunks", () => {
    const got: OutputChunk[] = [];
    const out = new RunOutput({ emit: (c) => got.push(c), flushMs: 0 });
    const bytes = Buffer.from("é€😀\x1b[32mok\x1b[0m");
    for (let i = 0; i < bytes.length; i++) out.write("stdout", bytes.subarray(i, i + 1));
    out.finish();
    expect(got.map((c) => c.data).join("")).toBe("é€😀\x1b[32mok\x1b[0m");
    expect(got.map((c) => c.seq)).toEqual(got.map((_, i) => i + 1));
  });

  it("keeps only the newest `replayBytes` for replay and reports where the buffer starts", () => {
    const got: OutputChunk[] = [];
    const out = new RunOutput({ emit: (c) => got.push(c), flushMs: 0, replayBytes: 10 });
    for (const s of ["aaaa", "bbbb", "cccc", "dddd"]) out.write("stdout", Buffer.from(s));
    expect(got).toHaveLength(4);
    expect(out.firstSeq).toBe(3);
    expect(out.replay(-1).map((c) => c.data)).toEqual(["cccc", "dddd"]);
    expect(out.replay(3).map((c) => c.data)).toEqual(["dddd"]);
    expect(out.finish()).toBe(5); // the exit message's seq
  });

  it("keeps stdout and stderr apart and in order when coalescing", async () => {
    const got: OutputChunk[] = [];
    const out = new RunOutput({ emit: (c) => got.push(c), flushMs: 50 });
    out.write("stdout", Buffer.from("1"));
    out.write("stdout", Buffer.from("2"));
    out.write("stderr", Buffer.from("E"));
    out.write("stdout", Buffer.from("3"));
    out.write("stdout", Buffer.from("4"));
    expect(got.map((c) => [c.stream, c.data])).toEqual([["stdout", "1"]]); // the first chunk goes out at once
    await new Promise((r) => setTimeout(r, 80));
    expect(got.map((c) => [c.stream, c.data])).toEqual([
      ["stdout", "1"],
      ["stdout", "2"],
      ["stderr", "E"],
      ["stdout", "34"],
    ]);
    out.dispose();
  });
});
