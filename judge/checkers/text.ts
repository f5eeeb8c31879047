/**
 * Shared helpers of the built-in checkers: whitespace scanning without copying the (possibly
 * huge, possibly binary) output, and short escaped excerpts for messages.
 */

/** ASCII whitespace: space, \t, \n, \v, \f, \r. */
export function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * Iterates the whitespace-separated tokens of `s` as [start, end) index pairs. Never splits or
 * copies the string, so a 100 MB token costs one scan.
 */
export function* tokenRanges(s: string): Generator<[number, number]> {
  const n = s.length;
  let i = 0;
  for (;;) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) return;
    const start = i;
    while (i < n && !isSpace(s.charCodeAt(i))) i++;
    yield [start, i];
  }
}

/** A short, printable, quoted excerpt of user output for a checker message. */
export function excerpt(s: string, start = 0, end = s.length, max = 24): string {
  const cut = end - start > max;
  const piece = s.slice(start, Math.min(end, start + max));
  // JSON escaping shows control characters, NUL and replacement characters visibly.
  const quoted = JSON.stringify(piece);
  return cut ? `${quoted.slice(0, -1)}…" (${end - start} chars)` : quoted;
}

export function ordinalText(n: number): string {
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}
