/**
 * Makes program output safe for a terminal emulator (xterm.js in the browser): keeps text,
 * tabs, newlines, carriage returns and SGR colour sequences (`ESC [ ... m`), and removes every
 * other control: OSC (window title, clipboard via OSC 52, hyperlinks), DCS/SOS/PM/APC strings,
 * cursor movement and screen editing CSI sequences, charset shifts, bells, C1 controls.
 *
 * Stateful: a sequence split across chunks is recognised (keep one instance per stream).
 * It works on decoded text; bytes are decoded as UTF-8 before (see output.ts).
 */

const ESC = 0x1b;
const BEL = 0x07;
/** C1 single-character introducers (8-bit forms) that xterm understands. */
const C1_CSI = 0x9b;
const C1_ST = 0x9c;
const C1_STRINGS = new Set([0x90 /* DCS */, 0x98 /* SOS */, 0x9d /* OSC */, 0x9e /* PM */, 0x9f /* APC */]);
/** Longest CSI sequence kept; longer ones are dropped. */
const MAX_CSI = 64;
/** A control string (OSC etc.) longer than this is abandoned, so output cannot vanish forever. */
const MAX_STRING = 8192;

type State = "text" | "esc" | "escIntermediate" | "csi" | "string" | "stringEsc";

export class TerminalSanitizer {
  private state: State = "text";
  private csi = "";
  private stringLength = 0;

  /** Sanitises the next chunk; an unfinished sequence at its end is held for the next one. */
  push(input: string): string {
    let out = "";
    for (const ch of input) {
      const c = ch.codePointAt(0)!;
      switch (this.state) {
        case "text":
          out += this.text(ch, c);
          break;
        case "esc":
          if (ch === "[") {
            this.state = "csi";
            this.csi = "";
          } else if (ch === "]" || ch === "P" || ch === "X" || ch === "^" || ch === "_") {
            this.startString();
          } else if (c >= 0x20 && c <= 0x2f) {
            this.state = "escIntermediate";
          } else if (c >= 0x30 && c <= 0x7e) {
            this.state = "text"; // two-character escape (e.g. ESC c reset, ESC 7 save cursor): dropped
          } else {
            this.state = "text";
            out += this.text(ch, c);
          }
          break;
        case "escIntermediate":
          if (c >= 0x20 && c <= 0x2f) break;
          this.state = "text";
          if (!(c >= 0x30 && c <= 0x7e)) out += this.text(ch, c);
          break;
        case "csi":
          if (c >= 0x40 && c <= 0x7e) {
            // final byte
            if (ch === "m" && this.csi.length <= MAX_CSI && /^[0-9;:]*$/.test(this.csi)) out += `\x1b[${this.csi}m`;
            this.state = "text";
          } else if (c >= 0x20 && c <= 0x3f) {
            if (this.csi.length <= MAX_CSI) this.csi += ch;
          } else {
            // anything else aborts the sequence
            this.state = "text";
            out += this.text(ch, c);
          }
          break;
        case "string":
          if (c === BEL || c === C1_ST) this.state = "text";
          else if (c === ESC) this.state = "stringEsc";
          else if (++this.stringLength > MAX_STRING) this.state = "text";
          break;
        case "stringEsc":
          // ESC \ is the string terminator; ESC + anything else also ends it (xterm does the same)
          this.state = ch === "\\" ? "text" : "esc";
          if (ch !== "\\") out += this.push(ch);
          break;
      }
    }
    return out;
  }

  /** End of stream: an unfinished sequence is dropped. */
  end(): string {
    this.state = "text";
    this.csi = "";
    return "";
  }

  private startString() {
    this.state = "string";
    this.stringLength = 0;
  }

  private text(ch: string, c: number): string {
    if (c === ESC) {
      this.state = "esc";
      return "";
    }
    if (c === C1_CSI) {
      this.state = "csi";
      this.csi = "";
      return "";
    }
    if (C1_STRINGS.has(c)) {
      this.startString();
      return "";
    }
    if (c === 0x09 || c === 0x0a || c === 0x0d) return ch;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f)) return ""; // other C0, DEL and C1 controls
    return ch;
  }
}

/** One-shot helper for whole strings. */
export function sanitizeTerminalOutput(text: string): string {
  const s = new TerminalSanitizer();
  return s.push(text) + s.end();
}
