/**
 * Problem statements: Kattis packages carry LaTeX (problem_statement/problem[.lang].tex), and
 * some Markdown (problem[.lang].md); Arbiter stores Markdown with $math$ rendered by KaTeX.
 *
 * The LaTeX converter covers what problem statements commonly use (see README.md: sections,
 * \textbf/\emph/\texttt, itemize/enumerate/description, center, verbatim, inline and display
 * math, quotes and dashes, the usual escapes and accents). Anything else keeps its text and is
 * reported as a warning; math is passed to KaTeX as written.
 */

export interface ConvertedStatement {
  markdown: string;
  /** \problemname{...} if the LaTeX had one. */
  title: string | null;
  warnings: string[];
}

const MATH_ENVS = new Set(["equation", "equation*", "displaymath", "math", "align", "align*", "eqnarray", "eqnarray*", "gather", "gather*", "multline", "multline*"]);
const TRANSPARENT_ENVS = new Set(["center", "flushleft", "flushright", "figure", "figure*", "minipage", "samepage", "small", "footnotesize", "large", "Large", "document"]);
const ZERO_ARG: Record<string, string> = {
  ldots: "…",
  dots: "…",
  cdots: "⋯",
  LaTeX: "LaTeX",
  TeX: "TeX",
  noindent: "",
  indent: "",
  medskip: "\n\n",
  bigskip: "\n\n",
  smallskip: "\n\n",
  par: "\n\n",
  newline: "  \n",
  linebreak: "  \n",
  clearpage: "",
  newpage: "",
  pagebreak: "",
  centering: "",
  hfill: " ",
  vfill: "",
  quad: " ",
  qquad: "  ",
  ",": "\u202f",
  ";": " ",
  " ": " ",
  "/": "",
  "-": "",
  "@": "",
  "%": "%",
  "&": "&",
  "#": "\\#",
  _: "\\_",
  "{": "{",
  "}": "}",
  $: "\\$",
  textbackslash: "\\\\",
  textasciitilde: "~",
  textasciicircum: "^",
  textless: "\\<",
  textgreater: "\\>",
  textbar: "\\|",
  copyright: "©",
  S: "§",
  P: "¶",
  ss: "ß",
  ae: "æ",
  AE: "Æ",
  o: "ø",
  O: "Ø",
  aa: "å",
  AA: "Å",
  i: "ı",
  l: "ł",
  L: "Ł",
};
/** Commands whose (optional-args-skipped) arguments are dropped entirely. */
const DROP_WITH_ARGS: Record<string, number> = {
  vspace: 1,
  "vspace*": 1,
  hspace: 1,
  "hspace*": 1,
  label: 1,
  setlength: 2,
  addtolength: 2,
  newcommand: 2,
  renewcommand: 2,
  usepackage: 1,
  documentclass: 1,
  thispagestyle: 1,
  pagestyle: 1,
  input: 1,
  include: 1,
};
const ACCENTS: Record<string, string> = { "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304", ".": "\u0307", c: "\u0327", v: "\u030c", u: "\u0306", H: "\u030b", r: "\u030a", k: "\u0328" };
const HEADINGS: Record<string, string> = { section: "##", subsection: "###", subsubsection: "####", paragraph: "####", subparagraph: "####" };

/** Removes LaTeX comments (an unescaped % to the end of the line, and the newline after it). */
export function stripComments(src: string): string {
  const out: string[] = [];
  for (const line of src.split("\n")) {
    let cut = -1;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === "\\") {
        i++;
        continue;
      }
      if (line[i] === "%") {
        cut = i;
        break;
      }
    }
    if (cut === -1) out.push(line + "\n");
    else if (line.slice(0, cut).trim() === "") continue; // a whole-line comment vanishes
    else out.push(line.slice(0, cut)); // TeX also swallows the newline after a comment
  }
  return out.join("").replace(/\n$/, "");
}

function escapeText(ch: string): string {
  return /[*_`<>[\]|\\#]/.test(ch) ? `\\${ch}` : ch;
}

class Converter {
  pos = 0;
  title: string | null = null;
  readonly warnings = new Set<string>();
  listDepth = 0;

  constructor(readonly src: string) {}

  warn(message: string) {
    this.warnings.add(message);
  }

  peek(offset = 0): string {
    return this.src[this.pos + offset] ?? "";
  }

  skipSpaces() {
    while (this.pos < this.src.length && /[ \t\n]/.test(this.src[this.pos]) && !this.src.startsWith("\n\n", this.pos)) this.pos++;
  }

  /** Raw text of a {group} at the cursor (cursor moves past it), or null when there is none. */
  readGroupRaw(): string | null {
    const save = this.pos;
    while (this.peek() === " " || this.peek() === "\n") this.pos++;
    if (this.peek() !== "{") {
      this.pos = save;
      return null;
    }
    let depth = 0;
    const start = this.pos + 1;
    for (; this.pos < this.src.length; this.pos++) {
      const c = this.src[this.pos];
      if (c === "\\") {
        this.pos++;
        continue;
      }
      if (c === "{") depth++;
      else if (c === "}" && --depth === 0) {
        this.pos++;
        return this.src.slice(start, this.pos - 1);
      }
    }
    this.warn("unbalanced braces");
    return this.src.slice(start);
  }

  readOptionalRaw(): string | null {
    if (this.peek() !== "[") return null;
    const end = this.src.indexOf("]", this.pos);
    if (end === -1) return null;
    const raw = this.src.slice(this.pos + 1, end);
    this.pos = end + 1;
    return raw;
  }

  /** Converts a fragment (an argument) with the same settings. */
  sub(raw: string): string {
    const c = new Converter(raw);
    c.listDepth = this.listDepth;
    const out = c.run();
    for (const w of c.warnings) this.warnings.add(w);
    if (c.title) this.title ??= c.title;
    return out;
  }

  readMath(open: string, close: string): string {
    const start = this.pos + open.length;
    let i = start;
    for (; i < this.src.length; i++) {
      if (this.src[i] === "\\" && close !== "\\]" && close !== "\\)") {
        i++;
        continue;
      }
      if (this.src.startsWith(close, i)) break;
      if (this.src[i] === "\\") i++;
    }
    if (i >= this.src.length) this.warn(`math opened with ${open} is never closed`);
    this.pos = Math.min(this.src.length, i + close.length);
    return this.src.slice(start, i).trim();
  }

  inlineMath(tex: string): string {
    if (!tex) return "";
    return `$${tex.replace(/\s*\n\s*/g, " ")}$`;
  }

  displayMath(tex: string): string {
    const body = tex.split("\n").map((l) => l.trim()).filter((l) => l !== "").join("\n");
    return body ? `\n\n$$\n${body}\n$$\n\n` : "";
  }

  environment(name: string): string {
    const endTag = `\\end{${name}}`;
    // Find the matching \end (same-name environments may nest).
    let depth = 1;
    let i = this.pos;
    const beginTag = `\\begin{${name}}`;
    while (i < this.src.length) {
      const nb = this.src.indexOf(beginTag, i);
      const ne = this.src.indexOf(endTag, i);
      if (ne === -1) break;
      if (nb !== -1 && nb < ne) {
        depth++;
        i = nb + beginTag.length;
      } else {
        depth--;
        if (depth === 0) {
          i = ne;
          break;
        }
        i = ne + endTag.length;
      }
    }
    if (depth !== 0) {
      this.warn(`\\begin{${name}} is never closed`);
      i = this.src.length;
    }
    const body = this.src.slice(this.pos, i);
    this.pos = Math.min(this.src.length, i + endTag.length);

    if (MATH_ENVS.has(name)) {
      const aligned = /^(align|eqnarray)/.test(name) ? `\\begin{aligned}\n${body.trim()}\n\\end{aligned}` : body;
      return this.displayMath(aligned);
    }
    if (name === "itemize" || name === "enumerate" || name === "description") return this.list(name, body);
    if (name === "verbatim" || name === "lstlisting") return `\n\n\`\`\`\n${body.replace(/^\n/, "").replace(/\s+$/, "")}\n\`\`\`\n\n`;
    if (name === "quote" || name === "quotation") {
      const inner = this.sub(body).trim();
      return `\n\n${inner.split("\n").map((l) => `> ${l}`.trimEnd()).join("\n")}\n\n`;
    }
    if (TRANSPARENT_ENVS.has(name)) return `\n\n${this.sub(body).trim()}\n\n`;
    this.warn(`environment ${name} is not supported: its text is kept`);
    return `\n\n${this.sub(body).trim()}\n\n`;
  }

  list(kind: string, body: string): string {
    // Split at \item on this nesting level.
    const items: { label: string | null; raw: string }[] = [];
    let depth = 0;
    let i = 0;
    let current: { label: string | null; raw: string } | null = null;
    let last = 0;
    while (i < body.length) {
      if (body.startsWith("\\begin{", i)) {
        depth++;
        i += 7;
        continue;
      }
      if (body.startsWith("\\end{", i)) {
        depth--;
        i += 5;
        continue;
      }
      if (depth === 0 && body.startsWith("\\item", i) && !/[a-zA-Z]/.test(body[i + 5] ?? "")) {
        if (current) current.raw = body.slice(last, i);
        i += 5;
        let label: string | null = null;
        while (body[i] === " ") i++;
        if (body[i] === "[") {
          const end = body.indexOf("]", i);
          if (end !== -1) {
            label = body.slice(i + 1, end);
            i = end + 1;
          }
        }
        current = { label, raw: "" };
        items.push(current);
        last = i;
        continue;
      }
      if (body[i] === "\\") i++;
      i++;
    }
    if (current) current.raw = body.slice(last);
    const indent = "  ".repeat(this.listDepth);
    this.listDepth++;
    const lines = items.map((it, n) => {
      const text = this.sub(it.raw).trim().replace(/\n\n+/g, "\n\n").split("\n").map((l, k) => (k === 0 || l === "" || /^\s/.test(l) ? l : `${indent}  ${l}`)).join("\n");
      const marker = kind === "enumerate" ? `${n + 1}.` : "-";
      const label = it.label != null ? `**${this.sub(it.label).trim()}** ` : "";
      return `${indent}${marker} ${label}${text}`;
    });
    this.listDepth--;
    return `\n\n${lines.join("\n")}\n\n`;
  }

  figure(file: string, caption: string | null): string {
    this.warn(`images are not imported (${file})`);
    const c = caption ? `: ${caption.trim()}` : "";
    return `\n\n*(Figure${c} — image ${file.trim()} not included)*\n\n`;
  }

  command(): string {
    // At a backslash.
    this.pos++;
    const c = this.peek();
    if (!/[a-zA-Z]/.test(c)) {
      this.pos++;
      if (c === "\\") {
        this.readOptionalRaw();
        return "  \n";
      }
      if (c === "[") {
        this.pos--;
        return this.displayMath(this.readMath("[", "\\]"));
      }
      if (c === "(") {
        this.pos--;
        return this.inlineMath(this.readMath("(", "\\)"));
      }
      if (c in ACCENTS) {
        let letter = this.readGroupRaw();
        if (letter === null) {
          letter = this.peek();
          this.pos++;
        }
        return (letter + ACCENTS[c]).normalize("NFC");
      }
      if (c in ZERO_ARG) return ZERO_ARG[c];
      this.warn(`\\${c} is not supported`);
      return c;
    }
    let name = "";
    while (/[a-zA-Z]/.test(this.peek())) name += this.src[this.pos++];
    if (this.peek() === "*") {
      name += "*";
      this.pos++;
    }
    const base = name.replace(/\*$/, "");

    if (name === "begin") {
      const env = this.readGroupRaw() ?? "";
      if (env === "tabular") this.readGroupRaw();
      return this.environment(env);
    }
    if (name === "end") {
      this.readGroupRaw();
      this.warn("\\end without a matching \\begin");
      return "";
    }
    if (base in HEADINGS) {
      this.readOptionalRaw();
      const text = this.sub(this.readGroupRaw() ?? "").trim();
      return `\n\n${HEADINGS[base]} ${text}\n\n`;
    }
    if (c in ACCENTS && name.length === 1) {
      // \c{c}, \v{s}, \u{a}, \H{o}, \r{a}, \k{a}
      const letter = this.readGroupRaw() ?? "";
      return (letter + ACCENTS[c]).normalize("NFC");
    }
    switch (base) {
      case "problemname": {
        const t = this.readGroupRaw() ?? "";
        this.title ??= this.sub(t).trim();
        return "";
      }
      case "textbf":
      case "bf":
      case "textbfseries": {
        const t = this.readGroupRaw();
        return t === null ? "" : `**${this.sub(t).trim()}**`;
      }
      case "emph":
      case "textit":
      case "textsl":
      case "it":
      case "em": {
        const t = this.readGroupRaw();
        return t === null ? "" : `*${this.sub(t).trim()}*`;
      }
      case "texttt":
      case "verb": {
        const t = this.readGroupRaw();
        if (t === null) return "";
        // Unescape the LaTeX specials for code text.
        const code = t.replace(/\\([%&#_{}$])/g, "$1").replace(/\\textbackslash(\{\})?/g, "\\").replace(/~/g, " ");
        return code.includes("`") ? `\`\` ${code} \`\`` : `\`${code}\``;
      }
      case "underline":
      case "textrm":
      case "textsf":
      case "textsc":
      case "textup":
      case "textnormal":
      case "mbox":
      case "text":
      case "makebox":
      case "fbox": {
        const t = this.readGroupRaw();
        return t === null ? "" : this.sub(t);
      }
      case "url": {
        const t = this.readGroupRaw() ?? "";
        return `<${t.trim()}>`;
      }
      case "href": {
        const u = this.readGroupRaw() ?? "";
        const t = this.readGroupRaw() ?? "";
        return `[${this.sub(t).trim()}](${u.trim()})`;
      }
      case "footnote": {
        const t = this.readGroupRaw() ?? "";
        return ` (${this.sub(t).trim()})`;
      }
      case "includegraphics": {
        this.readOptionalRaw();
        return this.figure(this.readGroupRaw() ?? "", null);
      }
      case "illustration": {
        // Kattis: \illustration{width}{file}{caption}
        this.readGroupRaw();
        const file = this.readGroupRaw() ?? "";
        const caption = this.readGroupRaw();
        return this.figure(file, caption === null ? null : this.sub(caption));
      }
      case "caption": {
        const t = this.readGroupRaw() ?? "";
        return `\n\n*${this.sub(t).trim()}*\n\n`;
      }
      case "item":
        this.warn("\\item outside a list");
        return "\n- ";
    }
    if (name in DROP_WITH_ARGS) {
      this.readOptionalRaw();
      for (let k = 0; k < DROP_WITH_ARGS[name]; k++) this.readGroupRaw();
      return "";
    }
    if (name in ZERO_ARG) {
      // A control word eats the spaces after it; "{}" after it is an empty group.
      if (this.src.startsWith("{}", this.pos)) this.pos += 2;
      else while (this.peek() === " ") this.pos++;
      return ZERO_ARG[name];
    }
    // Unknown: keep the text of its arguments.
    this.readOptionalRaw();
    const arg = this.readGroupRaw();
    this.warn(`\\${name} is not supported: ${arg === null ? "dropped" : "its text is kept"}`);
    return arg === null ? "" : this.sub(arg);
  }

  run(): string {
    let out = "";
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === "\\") {
        out += this.command();
      } else if (c === "$") {
        if (this.src.startsWith("$$", this.pos)) out += this.displayMath(this.readMath("$$", "$$"));
        else out += this.inlineMath(this.readMath("$", "$"));
      } else if (c === "{" || c === "}") {
        this.pos++;
      } else if (c === "\n") {
        let j = this.pos;
        let newlines = 0;
        while (j < this.src.length && /[ \t\n]/.test(this.src[j])) {
          if (this.src[j] === "\n") newlines++;
          j++;
        }
        this.pos = j;
        out += newlines >= 2 ? "\n\n" : " ";
      } else if (c === "~") {
        out += "\u00a0";
        this.pos++;
      } else if (this.src.startsWith("``", this.pos)) {
        out += "“";
        this.pos += 2;
      } else if (this.src.startsWith("''", this.pos)) {
        out += "”";
        this.pos += 2;
      } else if (c === "`") {
        out += "‘";
        this.pos++;
      } else if (c === "'") {
        out += "’";
        this.pos++;
      } else if (this.src.startsWith("---", this.pos)) {
        out += "—";
        this.pos += 3;
      } else if (this.src.startsWith("--", this.pos)) {
        out += "–";
        this.pos += 2;
      } else if (c === "&") {
        this.warn("tables (&) are not supported");
        out += " ";
        this.pos++;
      } else {
        out += escapeText(c);
        this.pos++;
      }
    }
    return out;
  }
}

function tidy(md: string): string {
  return (
    md
      .split("\n")
      .map((l) => (l.endsWith("  ") && l.trim() !== "" ? l.replace(/\s+$/, "  ") : l.replace(/[ \t]+$/, "")))
      // A lone leading space (from joined source lines) goes; list indentation stays.
      .map((l) => l.replace(/^([ \t]+)(\S)/, (m, ws: string, ch: string) => (ws.length >= 2 || /[-\d*>]/.test(ch) ? m : ch)))
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim() + "\n"
  );
}

/** LaTeX statement body (Kattis problem.tex) to Markdown. */
export function latexToMarkdown(tex: string): ConvertedStatement {
  let src = stripComments(tex.replace(/\r\n?/g, "\n"));
  // A full document: keep only the body.
  const begin = src.indexOf("\\begin{document}");
  if (begin !== -1) {
    const end = src.indexOf("\\end{document}");
    src = src.slice(begin + "\\begin{document}".length, end === -1 ? undefined : end);
  }
  const c = new Converter(src);
  const body = c.run();
  // Paragraph text starts at the left margin (leading spaces would make code blocks).
  const md = tidy(body.split("\n\n").map((p) => (p.startsWith(" ") && !/^\s*([-*]|\d+\.)\s/.test(p) ? p.trimStart() : p)).join("\n\n"));
  return { markdown: md, title: c.title, warnings: [...c.warnings] };
}

/** Plain text to Markdown that renders as the same text (paragraphs kept, no markup). */
export function plainTextToMarkdown(text: string): string {
  return (
    text
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map((line) =>
        line
          .replace(/[\\`*_{}[\]<>#|$~]/g, (ch) => `\\${ch}`)
          .replace(/^(\s*)([-+])(\s)/, "$1\\$2$3")
          .replace(/^(\s*\d+)([.)])(\s)/, "$1\\$2$3")
          .replace(/^\s+/, ""),
      )
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim() + "\n"
  );
}
