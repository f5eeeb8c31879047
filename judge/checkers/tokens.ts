/**
 * Token checker (the default): the whitespace-separated tokens of output and expected output
 * must be equal, in order. Whitespace kind and amount do not matter.
 */
import type { CheckResult } from "../types";
import { excerpt, ordinalText, tokenRanges } from "./text";

export function checkTokens(expected: string, output: string): CheckResult {
  const exp = tokenRanges(expected);
  const out = tokenRanges(output);
  for (let k = 1; ; k++) {
    const a = exp.next();
    const b = out.next();
    if (a.done && b.done) return { verdict: "AC", message: `${k - 1} tokens` };
    if (a.done) return { verdict: "WA", message: `extra output: ${ordinalText(k)} token ${excerpt(output, b.value![0], b.value![1])}` };
    if (b.done) return { verdict: "WA", message: `output ends after ${k - 1} tokens; more were expected` };
    const [as, ae] = a.value;
    const [bs, be] = b.value;
    if (ae - as !== be - bs || expected.slice(as, ae) !== output.slice(bs, be)) {
      return { verdict: "WA", message: `${ordinalText(k)} token differs: found ${excerpt(output, bs, be)}` };
    }
  }
}
