import { describe, expect, it } from "vitest";
import { sanitizeTerminalOutput, TerminalSanitizer } from "./sanitize";

describe("sanitizeTerminalOutput", () => {
  it("keeps text, tabs, newlines, carriage returns and unicode", () => {
    expect(sanitizeTerminalOutput("a\tb\r\nc\nprogress 50%\rprogress 100%\nЖ 😀 <script>")).toBe(
      "a\tb\r\nc\nprogress 50%\rprogress 100%\nЖ 😀 <script>",
    );
  });
  it("keeps SGR colour sequences", () => {
    expect(sanitizeTerminalOutput("\x1b[31mred\x1b[0m \x1b[1;38;5;208mx\x1b[m \x1b[38:2::1:2:3my")).toBe(
      "\x1b[31mred\x1b[0m \x1b[1;38;5;208mx\x1b[m \x1b[38:2::1:2:3my",
    );
  });
  it("removes cursor movement, screen editing and private-mode CSI sequences", () => {
    expect(sanitizeTerminalOutput("a\x1b[2J\x1b[H\x1b[10;10Hb\x1b[?1049h\x1b[?25lc\x1b[6n\x1b[5Ad\x1b[>c")).toBe("abcd");
  });
  it("removes OSC (title, clipboard, hyperlinks) terminated by BEL or ST", () => {
    expect(sanitizeTerminalOutput("a\x1b]0;pwned title\x07b\x1b]52;c;ZXZpbA==\x1b\\c\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\")).toBe("abclink");
  });
  it("removes DCS, SOS, PM, APC strings and 8-bit C1 introducers", () => {
    expect(sanitizeTerminalOutput("a\x1bPq#0;2;0;0;0\x1b\\b\x1b_apc\x1b\\c\x1b^pm\x1b\\d\x9b2J\x9d0;t\x07e\x85")).toBe("abcde");
  });
  it("removes other controls: bell, backspace, shift in/out, DEL, two-character escapes", () => {
    expect(sanitizeTerminalOutput("a\x07b\x08c\x0e\x0fd\x7fe\x1bcf\x1b7g\x1b(0h\x1b#8i")).toBe("abcdefghi");
  });
  it("recognises sequences split across chunks", () => {
    const s = new TerminalSanitizer();
    const out = ["x\x1b", "[3", "1mred\x1b]0;ti", "tle\x07y\x1b[", "2", "Jz"].map((c) => s.push(c)).join("") + s.end();
    expect(out).toBe("x\x1b[31mredyz");
  });
  it("drops an unfinished sequence at the end and an overlong SGR", () => {
    expect(sanitizeTerminalOutput("ok\x1b[31")).toBe("ok");
    expect(sanitizeTerminalOutput(`a\x1b[${"1;".repeat(100)}mb`)).toBe("ab");
  });
  it("gives up on an unterminated control string after a bound, so output cannot vanish forever", () => {
    const out = sanitizeTerminalOutput("\x1b]0;" + "x".repeat(9000) + "visible");
    expect(out.endsWith("visible")).toBe(true);
    expect(out.length).toBeLessThan(1000);
  });
  it("an ESC inside a control string ends it and starts a new sequence", () => {
    expect(sanitizeTerminalOutput("\x1b]0;t\x1b[32mgreen")).toBe("\x1b[32mgreen");
  });
});
