import { describe, expect, it } from "vitest";
import { latexToMarkdown, plainTextToMarkdown, stripComments } from "./statement";

const md = (tex: string) => latexToMarkdown(tex).markdown;

describe("latexToMarkdown", () => {
  it("sections, emphasis, code, title", () => {
    const r = latexToMarkdown("\\problemname{Hello}\nSome \\textbf{bold} and \\emph{slanted} and \\texttt{a\\_b}.\n\n\\section*{Input}\nOne line.\n\\subsection{Details}\nMore.");
    expect(r.title).toBe("Hello");
    expect(r.markdown).toBe("Some **bold** and *slanted* and `a_b`.\n\n## Input\n\nOne line.\n\n### Details\n\nMore.\n");
    expect(r.warnings).toEqual([]);
  });

  it("keeps inline math (joining lines) and turns \\[ \\] and equation* into display math", () => {
    expect(md("Let $a +\n b$ be.")).toBe("Let $a + b$ be.\n");
    expect(md("See \\[ x^2 \\] now")).toBe("See\n\n$$\nx^2\n$$\n\nnow\n");
    expect(md("\\begin{equation*}\n  e = mc^2\n\\end{equation*}")).toBe("$$\ne = mc^2\n$$\n");
    expect(md("\\begin{align*} a &= b \\\\ c &= d \\end{align*}")).toContain("\\begin{aligned}\na &= b \\\\ c &= d\n\\end{aligned}");
    expect(md("$$x$$")).toBe("$$\nx\n$$\n");
  });

  it("lists: itemize, enumerate, description, nested", () => {
    expect(md("\\begin{itemize}\n\\item one\n\\item two \\begin{enumerate}\\item a\\item b\\end{enumerate}\n\\end{itemize}")).toBe("- one\n- two\n\n  1. a\n  2. b\n");
    expect(md("\\begin{description}\\item[Key] value\\end{description}")).toBe("- **Key** value\n");
  });

  it("comments, escapes, quotes, dashes, accents, ties", () => {
    expect(stripComments("a % comment\nb\n% whole line\nc \\% d")).toBe("a b\nc \\% d");
    expect(md("50\\% of \\$5 \\& more \\#1 ``quoted'' `single' 1--2 --- x~y caf\\'e na\\\"ive")).toBe("50% of \\$5 & more \\#1 “quoted” ‘single’ 1–2 — x\u00a0y café naïve\n");
    expect(md("a * b _ c < d")).toBe("a \\* b \\_ c \\< d\n");
  });

  it("verbatim becomes a code block; links and urls", () => {
    expect(md("\\begin{verbatim}\nint x;\n\\end{verbatim}")).toBe("```\nint x;\n```\n");
    expect(md("\\url{https://x.org} \\href{https://y.org}{Y}")).toBe("<https://x.org> [Y](https://y.org)\n");
  });

  it("images and unknown commands keep text and warn", () => {
    const r = latexToMarkdown("\\illustration{.3}{pic.png}{A picture}\n\\weird{kept text} \\alsoweird end\n\\begin{tabular}{ll} a & b \\end{tabular}");
    expect(r.markdown).toContain("*(Figure: A picture — image pic.png not included)*");
    expect(r.markdown).toContain("kept text");
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        "images are not imported (pic.png)",
        "\\weird is not supported: its text is kept",
        "\\alsoweird is not supported: dropped",
        "environment tabular is not supported: its text is kept",
        "tables (&) are not supported",
      ]),
    );
  });

  it("only the body of a full document", () => {
    expect(md("\\documentclass{article}\n\\usepackage{x}\n\\begin{document}\nBody.\n\\end{document}")).toBe("Body.\n");
  });
});

describe("plainTextToMarkdown", () => {
  it("escapes markup and list markers, keeps paragraphs", () => {
    expect(plainTextToMarkdown("# not a heading\n1. not a list\n\n\n\nnext $x$")).toBe("\\# not a heading\n1\\. not a list\n\nnext \\$x\\$\n");
  });
});
