import "server-only";
import { Marked, type Tokens } from "marked";
import markedKatex from "marked-katex-extension";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^(https?:|mailto:)/i.test(h) || /^[/#?.]/.test(h) || !/^[a-z][a-z0-9+.-]*:/i.test(h)) return h;
  return null;
}

/**
 * Problem statements are markdown written by instructors and shown to students, so raw HTML is
 * escaped and only http(s)/mailto/relative links and images are kept.
 */
const md = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      const href = safeHref(token.href);
      const text = this.parser.parseInline(token.tokens);
      if (!href) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
      const external = /^https?:/i.test(href) ? ' rel="noopener noreferrer nofollow" target="_blank"' : "";
      return `<a href="${escapeHtml(href)}"${title}${external}>${text}</a>`;
    },
    image(token: Tokens.Image) {
      const href = safeHref(token.href);
      if (!href) return escapeHtml(token.text);
      return `<img src="${escapeHtml(href)}" alt="${escapeHtml(token.text)}" loading="lazy">`;
    },
  },
});

/**
 * Math: $...$ inline and $$...$$ (on their own lines) as display math, rendered to HTML on the
 * server by KaTeX (the page needs katex/dist/katex.min.css). `nonStandard` lets math touch
 * punctuation and brackets, as in "($1 \leq N \leq 100$)"; write \$ for a literal dollar sign.
 * KaTeX's `trust: false` keeps \href, \url, \includegraphics and HTML extensions out; a
 * malformed formula shows as red source text instead of failing the page.
 */
md.use(markedKatex({ throwOnError: false, nonStandard: true, output: "html", trust: false, strict: "ignore", maxExpand: 1000, maxSize: 50 }));

export function renderMarkdown(source: string): string {
  return md.parse(source, { async: false }) as string;
}
