/**
 * Demo problems. Sample and hidden test OUTPUTS are computed by the reference solutions below
 * (a small trusted program), never typed by hand. Inputs come from a seeded PRNG, so every seed
 * run produces byte-identical tests.
 */

export type SeedTest = { kind: "sample" | "hidden"; group?: string; points?: number; input: string };
export type SeedProblem = {
  slug: string;
  title: string;
  difficulty: "easy" | "medium" | "hard";
  timeLimitMs: number;
  memoryLimitMb: number;
  checker: "exact" | "tokens" | "float";
  floatAbsTol?: number;
  floatRelTol?: number;
  scoring: "icpc" | "subtasks";
  stopAtFirstFailure: boolean;
  visibility: "draft" | "published";
  starterCode?: Record<string, string>;
  statement: string;
  solve: (input: string) => string;
  tests: () => SeedTest[];
};

/** mulberry32: small deterministic PRNG. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const big = (lo: bigint, hi: bigint) => {
    // uniform enough for test data: combine 4 x 16 bits
    let x = 0n;
    for (let i = 0; i < 4; i++) x = (x << 16n) | BigInt(int(0, 0xffff));
    return lo + (x % (hi - lo + 1n));
  };
  return { next, int, big };
}

const tokens = (s: string) => s.split(/\s+/).filter(Boolean);
const lines = (xs: (string | number | bigint)[]) => xs.join("\n") + "\n";

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const MOD = 1_000_000_007n;
function fibMod(n: bigint): bigint {
  // fast doubling: returns [F(n), F(n+1)]
  const go = (k: bigint): [bigint, bigint] => {
    if (k === 0n) return [0n, 1n];
    const [a, b] = go(k >> 1n);
    const c = (a * ((2n * b - a + MOD) % MOD)) % MOD;
    const d = (a * a + b * b) % MOD;
    return k & 1n ? [d, (c + d) % MOD] : [c, d];
  };
  return go(n)[0];
}

const WORDS = "judge arbiter code test input output stream token binary search graph tree queue stack heap sort merge array string number prime vector matrix loop river cloud lamp".split(" ");

export const problems: SeedProblem[] = [
  {
    slug: "a-plus-b",
    title: "A + B",
    difficulty: "easy",
    timeLimitMs: 1000,
    memoryLimitMb: 256,
    checker: "exact",
    scoring: "icpc",
    stopAtFirstFailure: true,
    visibility: "published",
    starterCode: {
      python: "a, b = map(int, input().split())\nprint(a + b)\n",
      cpp: "#include <iostream>\n\nint main() {\n    long long a, b;\n    std::cin >> a >> b;\n    std::cout << a + b << '\\n';\n}\n",
      c: "#include <stdio.h>\n\nint main(void) {\n    long long a, b;\n    scanf(\"%lld %lld\", &a, &b);\n    printf(\"%lld\\n\", a + b);\n    return 0;\n}\n",
    },
    statement: `Read two integers *A* and *B* and print their sum.

## Input

One line with two integers \`A\` and \`B\` (−10⁹ ≤ A, B ≤ 10⁹), separated by a space.

## Output

One line with the value of \`A + B\`.
`,
    solve: (input) => {
      const [a, b] = tokens(input).map(BigInt);
      return lines([a! + b!]);
    },
    tests: () => {
      const r = rng(1);
      const t: SeedTest[] = [
        { kind: "sample", input: "1 2\n" },
        { kind: "sample", input: "-5 12\n" },
        { kind: "hidden", input: "0 0\n" },
        { kind: "hidden", input: "1000000000 1000000000\n" },
        { kind: "hidden", input: "-1000000000 -1000000000\n" },
      ];
      for (let i = 0; i < 5; i++) t.push({ kind: "hidden", input: `${r.int(-1e9, 1e9)} ${r.int(-1e9, 1e9)}\n` });
      return t;
    },
  },
  {
    slug: "sum-of-n",
    title: "Sum of N Numbers",
    difficulty: "easy",
    timeLimitMs: 1000,
    memoryLimitMb: 256,
    checker: "tokens",
    scoring: "icpc",
    stopAtFirstFailure: true,
    visibility: "published",
    statement: `Given *N* integers, print their sum.

## Input

The first line contains \`N\` (1 ≤ N ≤ 200 000). The second line contains \`N\` integers
a[1], …, a[N] (|a[i]| ≤ 10⁹).

## Output

The sum of the numbers. Note that it may not fit in a 32-bit integer.
`,
    solve: (input) => {
      const [n, ...xs] = tokens(input).map(BigInt);
      return lines([xs.slice(0, Number(n)).reduce((s, x) => s + x, 0n)]);
    },
    tests: () => {
      const r = rng(2);
      const gen = (n: number, lo: number, hi: number) =>
        `${n}\n${Array.from({ length: n }, () => r.int(lo, hi)).join(" ")}\n`;
      return [
        { kind: "sample", input: "3\n1 2 3\n" },
        { kind: "sample", input: "5\n-1 -2 10 0 7\n" },
        { kind: "hidden", input: "1\n-1000000000\n" },
        { kind: "hidden", input: gen(10, -100, 100) },
        { kind: "hidden", input: gen(1000, -1e9, 1e9) },
        { kind: "hidden", input: gen(200000, 999_000_000, 1e9) },
        { kind: "hidden", input: gen(200000, -1e9, 1e9) },
      ];
    },
  },
  {
    slug: "circle-area",
    title: "Area of a Circle",
    difficulty: "easy",
    timeLimitMs: 1000,
    memoryLimitMb: 256,
    checker: "float",
    floatAbsTol: 1e-6,
    floatRelTol: 1e-6,
    scoring: "icpc",
    stopAtFirstFailure: true,
    visibility: "published",
    statement: `Print the area of a circle with radius *r*.

## Input

One real number \`r\` (0 < r ≤ 10 000) with at most 4 digits after the decimal point.

## Output

The area π·r². Your answer is accepted if its absolute or relative error is at most 10⁻⁶.
`,
    solve: (input) => {
      const r = Number(tokens(input)[0]);
      return lines([(Math.PI * r * r).toFixed(6)]);
    },
    tests: () => {
      const r = rng(3);
      const t: SeedTest[] = [
        { kind: "sample", input: "1\n" },
        { kind: "sample", input: "2.5\n" },
        { kind: "hidden", input: "0.0001\n" },
        { kind: "hidden", input: "10000\n" },
      ];
      for (let i = 0; i < 6; i++) t.push({ kind: "hidden", input: `${(r.int(1, 100_000_000) / 10_000).toFixed(4)}\n` });
      return t;
    },
  },
  {
    slug: "reverse-words",
    title: "Reverse the Words",
    difficulty: "easy",
    timeLimitMs: 1000,
    memoryLimitMb: 256,
    checker: "exact",
    scoring: "icpc",
    stopAtFirstFailure: true,
    visibility: "published",
    statement: `Read a line of words and print the words in reverse order.

## Input

One line of at most 100 000 characters containing words of lowercase letters separated by one
or more spaces. There is at least one word.

## Output

The words in reverse order, separated by single spaces.
`,
    solve: (input) => lines([tokens(input.split("\n")[0] ?? "").reverse().join(" ")]),
    tests: () => {
      const r = rng(4);
      const sentence = (n: number, maxGap: number) =>
        Array.from({ length: n }, () => WORDS[r.int(0, WORDS.length - 1)]).join(" ".repeat(r.int(1, maxGap))) + "\n";
      return [
        { kind: "sample", input: "hello world\n" },
        { kind: "sample", input: "the quick brown fox\n" },
        { kind: "hidden", input: "single\n" },
        { kind: "hidden", input: "a  b   c\n" },
        { kind: "hidden", input: sentence(20, 1) },
        { kind: "hidden", input: sentence(200, 3) },
        { kind: "hidden", input: sentence(12000, 1) },
      ];
    },
  },
  {
    slug: "multi-gcd",
    title: "Greatest Common Divisors",
    difficulty: "medium",
    timeLimitMs: 1000,
    memoryLimitMb: 256,
    checker: "exact",
    scoring: "icpc",
    stopAtFirstFailure: true,
    visibility: "published",
    statement: `For each of *T* pairs of numbers, print their greatest common divisor.

## Input

The first line contains \`T\` (1 ≤ T ≤ 100 000), the number of test cases. Each of the next
\`T\` lines contains two integers \`a\` and \`b\` (1 ≤ a, b ≤ 10¹⁸).

## Output

For each test case, one line with gcd(a, b).
`,
    solve: (input) => {
      const [t, ...xs] = tokens(input).map(BigInt);
      const out: bigint[] = [];
      for (let i = 0; i < Number(t); i++) out.push(gcd(xs[2 * i]!, xs[2 * i + 1]!));
      return lines(out);
    },
    tests: () => {
      const r = rng(5);
      const gen = (t: number, max: bigint) => {
        const rows: string[] = [];
        for (let i = 0; i < t; i++) {
          const gMax = max / 1000n < 1_000_000n ? max / 1000n : 1_000_000n;
          const g = r.big(1n, gMax);
          const a = r.big(1n, max / g) * g;
          const b = r.big(1n, max / g) * g;
          rows.push(`${a} ${b}`);
        }
        return `${t}\n${rows.join("\n")}\n`;
      };
      return [
        { kind: "sample", input: "3\n12 18\n7 13\n100 10\n" },
        { kind: "hidden", input: "1\n1 1\n" },
        { kind: "hidden", input: "2\n1000000000000000000 1000000000000000000\n999999999999999989 2\n" },
        { kind: "hidden", input: gen(100, 1_000_000n) },
        { kind: "hidden", input: gen(1000, 10n ** 18n) },
        { kind: "hidden", input: gen(100000, 10n ** 18n) },
      ];
    },
  },
  {
    slug: "range-sums",
    title: "Range Sum Queries",
    difficulty: "medium",
    timeLimitMs: 1000,
    memoryLimitMb: 256,
    checker: "tokens",
    scoring: "icpc",
    stopAtFirstFailure: true,
    visibility: "published",
    statement: `You are given an array of *N* integers and *Q* queries. Each query asks for the sum of the
elements from position \`l\` to position \`r\` (inclusive, 1-based).

## Input

The first line contains \`N\` and \`Q\` (1 ≤ N, Q ≤ 100 000). The second line contains the array
(|a[i]| ≤ 10⁹). Each of the next \`Q\` lines contains \`l\` and \`r\` (1 ≤ l ≤ r ≤ N).

## Output

For each query, one line with the sum.

A solution that adds up every range separately is too slow for the largest tests: use prefix sums.
`,
    solve: (input) => {
      const xs = tokens(input);
      const n = Number(xs[0]);
      const q = Number(xs[1]);
      const pre: bigint[] = [0n];
      for (let i = 0; i < n; i++) pre.push(pre[i]! + BigInt(xs[2 + i]!));
      const out: bigint[] = [];
      for (let j = 0; j < q; j++) {
        const l = Number(xs[2 + n + 2 * j]);
        const r = Number(xs[3 + n + 2 * j]);
        out.push(pre[r]! - pre[l - 1]!);
      }
      return lines(out);
    },
    tests: () => {
      const r = rng(6);
      const gen = (n: number, q: number) => {
        const arr = Array.from({ length: n }, () => r.int(-1e9, 1e9));
        const qs: string[] = [];
        for (let i = 0; i < q; i++) {
          const a = r.int(1, n);
          const b = r.int(1, n);
          qs.push(`${Math.min(a, b)} ${Math.max(a, b)}`);
        }
        return `${n} ${q}\n${arr.join(" ")}\n${qs.join("\n")}\n`;
      };
      return [
        { kind: "sample", input: "5 3\n1 2 3 4 5\n1 5\n2 3\n4 4\n" },
        { kind: "hidden", input: "1 1\n-7\n1 1\n" },
        { kind: "hidden", input: gen(100, 100) },
        { kind: "hidden", input: gen(5000, 5000) },
        { kind: "hidden", input: gen(100000, 100000) },
      ];
    },
  },
  {
    slug: "fibonacci-mod",
    title: "Huge Fibonacci",
    difficulty: "hard",
    timeLimitMs: 1000,
    memoryLimitMb: 256,
    checker: "exact",
    scoring: "subtasks",
    stopAtFirstFailure: false,
    visibility: "published",
    statement: `The Fibonacci numbers are F(0) = 0, F(1) = 1 and F(n) = F(n−1) + F(n−2).
Print F(n) modulo 1 000 000 007.

## Input

One integer \`n\` (0 ≤ n ≤ 10¹⁸).

## Output

F(n) mod 1 000 000 007.

## Scoring

| Subtask | Points | Constraints |
|---------|--------|-------------|
| 1 | 30 | n ≤ 30 |
| 2 | 30 | n ≤ 10⁶ |
| 3 | 40 | no further constraints |
`,
    solve: (input) => lines([fibMod(BigInt(tokens(input)[0]!))]),
    tests: () => {
      const r = rng(7);
      const t: SeedTest[] = [
        { kind: "sample", group: "samples", points: 0, input: "10\n" },
        { kind: "sample", group: "samples", points: 0, input: "1\n" },
      ];
      for (const n of [0, 2, 30, r.int(3, 29)]) t.push({ kind: "hidden", group: "small", points: 30, input: `${n}\n` });
      for (const n of [1_000_000, r.int(1000, 999_999), r.int(1000, 999_999)])
        t.push({ kind: "hidden", group: "medium", points: 30, input: `${n}\n` });
      for (const n of [10n ** 18n, r.big(10n ** 12n, 10n ** 18n), r.big(10n ** 12n, 10n ** 18n)])
        t.push({ kind: "hidden", group: "large", points: 40, input: `${n}\n` });
      return t;
    },
  },
  {
    slug: "hello-draft",
    title: "Hello (draft)",
    difficulty: "easy",
    timeLimitMs: 1000,
    memoryLimitMb: 256,
    checker: "exact",
    scoring: "icpc",
    stopAtFirstFailure: true,
    visibility: "draft",
    statement: `A draft problem: only instructors and administrators can see it.

Print \`Hello, Arbiter!\`.
`,
    solve: () => "Hello, Arbiter!\n",
    tests: () => [{ kind: "sample", input: "" }, { kind: "hidden", input: "\n" }],
  },
];
