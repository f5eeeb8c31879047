/**
 * Float checker: tokens as in the token checker, but where the expected token is a decimal
 * number the output token must be a decimal number within the absolute OR relative tolerance.
 * NaN, infinities, hex and other non-decimal spellings in the output are wrong answers.
 */
import type { CheckResult } from "../types";
import { excerpt, ordinalText, tokenRanges } from "./text";

export const DEFAULT_FLOAT_TOLERANCE = 1e-6;
/** Longer tokens are not parsed as numbers (no legitimate answer needs more digits). */
const MAX_NUMBER_CHARS = 1000;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseDecimal(s: string, start: number, end: number): number | null {
  if (end - start > MAX_NUMBER_CHARS) return null;
  const text = s.slice(start, end);
  if (!DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isNaN(value) ? null : value;
}

export function tolerances(absTol?: number | null, relTol?: number | null): { abs: number; rel: number } {
  const valid = (x: number | null | undefined) => (typeof x === "number" && Number.isFinite(x) && x >= 0 ? x : null);
  const abs = valid(absTol);
  const rel = valid(relTol);
  if (abs === null && rel === null) return { abs: DEFAULT_FLOAT_TOLERANCE, rel: DEFAULT_FLOAT_TOLERANCE };
  return { abs: abs ?? 0, rel: rel ?? 0 };
}

export function withinTolerance(expected: number, found: number, abs: number, rel: number): boolean {
  if (!Number.isFinite(found)) return found === expected;
  const diff = Math.abs(found - expected);
  return diff <= abs || diff <= rel * Math.abs(expected);
}

export function checkFloat(expected: string, output: string, absTol?: number | null, relTol?: number | null): CheckResult {
  const { abs, rel } = tolerances(absTol, relTol);
  const exp = tokenRanges(expected);
  const out = tokenRanges(output);
  let maxErr = 0;
  for (let k = 1; ; k++) {
    const a = exp.next();
    const b = out.next();
    if (a.done && b.done) return { verdict: "AC", message: `${k - 1} tokens; largest absolute error ${maxErr.toPrecision(3)}` };
    if (a.done) return { verdict: "WA", message: `extra output: ${ordinalText(k)} token ${excerpt(output, b.value![0], b.value![1])}` };
    if (b.done) return { verdict: "WA", message: `output ends after ${k - 1} tokens; more were expected` };
    const [as, ae] = a.value;
    const [bs, be] = b.value;
    const want = parseDecimal(expected, as, ae);
    if (want === null) {
      if (ae - as !== be - bs || expected.slice(as, ae) !== output.slice(bs, be)) {
        return { verdict: "WA", message: `${ordinalText(k)} token differs: found ${excerpt(output, bs, be)}` };
      }
      continue;
    }
    const got = parseDecimal(output, bs, be);
    if (got === null) return { verdict: "WA", message: `${ordinalText(k)} token is not a decimal number: found ${excerpt(output, bs, be)}` };
    if (!withinTolerance(want, got, abs, rel)) {
      return { verdict: "WA", message: `${ordinalText(k)} number is outside the tolerance: found ${excerpt(output, bs, be)}` };
    }
    if (Number.isFinite(want) && Number.isFinite(got)) maxErr = Math.max(maxErr, Math.abs(got - want));
  }
}
