/**
 * The console's input line editing (like a terminal in canonical mode): typed characters are
 * echoed and collected; Enter sends the line with "\n"; Backspace edits; Ctrl+D sends what is
 * typed and then end of input; Ctrl+C asks to stop. Arrow keys and other escape sequences are
 * ignored.
 */
export interface LineEvents {
  /** What to show in the console (echo). */
  echo: string;
  /** Chunks for the program's stdin, in order. */
  send: string[];
  eof: boolean;
  interrupt: boolean;
}

const KEY_SEQUENCE = /\x1b(\[[0-9;?]*[ -/]*[@-~]|O.|.)?/g;

export class LineDiscipline {
  private line: string[] = [];

  get pending(): string {
    return this.line.join("");
  }

  reset(): void {
    this.line = [];
  }

  feed(data: string): LineEvents {
    const out: LineEvents = { echo: "", send: [], eof: false, interrupt: false };
    const text = data.replace(KEY_SEQUENCE, "").replace(/\r\n/g, "\r");
    for (const ch of text) {
      if (ch === "\r" || ch === "\n") {
        out.send.push(this.pending + "\n");
        this.line = [];
        out.echo += "\r\n";
      } else if (ch === "\x7f" || ch === "\b") {
        if (this.line.length > 0) {
          this.line.pop();
          out.echo += "\b \b";
        }
      } else if (ch === "\x04") {
        if (this.line.length > 0) out.send.push(this.pending);
        this.line = [];
        out.eof = true;
        out.echo += "^D\r\n";
        break; // nothing after end of input
      } else if (ch === "\x03") {
        this.line = [];
        out.interrupt = true;
        out.echo += "^C\r\n";
        break;
      } else if (ch === "\t" || ch >= " ") {
        this.line.push(ch);
        out.echo += ch;
      }
    }
    return out;
  }
}
