import { describe, expect, it } from "vitest";
import { LineDiscipline } from "./line-discipline";

describe("LineDiscipline", () => {
  it("echoes typing and sends a line on Enter", () => {
    const d = new LineDiscipline();
    expect(d.feed("Ad")).toMatchObject({ echo: "Ad", send: [] });
    expect(d.feed("a\r")).toMatchObject({ echo: "a\r\n", send: ["Ada\n"], eof: false });
    expect(d.pending).toBe("");
  });
  it("handles Backspace, pasted lines and ignores arrow keys", () => {
    const d = new LineDiscipline();
    expect(d.feed("abx\x7f").echo).toBe("abx\b \b");
    expect(d.feed("\x1b[D\x1b[A").echo).toBe("");
    expect(d.feed("c\r\nline2\nrest").send).toEqual(["abc\n", "line2\n"]);
    expect(d.pending).toBe("rest");
  });
  it("Ctrl+D sends the partial line then end of input; Ctrl+C interrupts", () => {
    const d = new LineDiscipline();
    expect(d.feed("tail\x04ignored")).toMatchObject({ send: ["tail"], eof: true });
    expect(d.feed("\x04")).toMatchObject({ send: [], eof: true });
    expect(d.feed("x\x03")).toMatchObject({ send: [], interrupt: true });
    expect(d.pending).toBe("");
  });
});
