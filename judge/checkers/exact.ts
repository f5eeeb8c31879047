/**
 * Exact checker: the output must equal the expected output line by line, ignoring trailing
 * whitespace at line ends (so CRLF equals LF) and trailing empty lines at the end.
 */
import type { CheckResult } from "../types";
import { excerpt, isSpace } from "./text";

/** End of the meaningful text: index after the last non-whitespace character. */
function contentEnd(s: string): number {
  let e = s.length;
  while (e > 0 && isSpace(s.charCodeAt(e - 1))) e--;
  return e;
}

/** Iterates lines of s[0, end) as [start, endWithoutTrailingSpace). */
function* lineRanges(s: string, end: number): Generator<[number, number]> {
  let i = 0;
  while (i <= end) {
    let j = s.indexOf("\n", i);
    if (j < 0 || j > end) j = end;
    let e = j;
    while (e > i && isSpace(s.charCodeAt(e - 1))) e--;
    yield [i, e];
    if (j >= end) return;
    i = j + 1;
  }
}

export function checkExact(expected: string, output: string): CheckResult {
  const expEnd = contentEnd(expected);
  const outEnd = contentEnd(output);
  if (expEnd === 0 && outEnd === 0) return { verdict: "AC", message: "" };
  const exp = lineRanges(expected, expEnd);
  const out = lineRanges(output, outEnd);
  for (let line = 1; ; line++) {
    const a = exp.next();
    const b = out.next();
    if (a.done && b.done) return { verdict: "AC", message: "" };
    if (a.done) return { verdict: "WA", message: `extra output from line ${line}: ${excerpt(output, b.value![0], b.value![1])}` };
    if (b.done) return { verdict: "WA", message: `output ends at line ${line - 1}; more lines were expected` };
    const [as, ae] = a.value;
    const [bs, be] = b.value;
    if (ae - as !== be - bs || expected.slice(as, ae) !== output.slice(bs, be)) {
      let col = 0;
      while (as + col < ae && bs + col < be && expected.charCodeAt(as + col) === output.charCodeAt(bs + col)) col++;
      return { verdict: "WA", message: `line ${line} differs at column ${col + 1}: found ${excerpt(output, bs + col, be)}` };
    }
  }
}
