import { describe, expect, it } from "vitest";
import { problems } from "./problems";

describe("seed problems", () => {
  it("has at least six published problems with samples and hidden tests", () => {
    const published = problems.filter((p) => p.visibility === "published");
    expect(published.length).toBeGreaterThanOrEqual(6);
    for (const p of published) {
      const tests = p.tests();
      expect(tests.some((t) => t.kind === "sample"), p.slug).toBe(true);
      expect(tests.some((t) => t.kind === "hidden"), p.slug).toBe(true);
    }
    expect(new Set(problems.map((p) => p.slug)).size).toBe(problems.length);
    expect(problems.some((p) => p.checker === "float")).toBe(true);
    expect(new Set(problems.map((p) => p.difficulty))).toEqual(new Set(["easy", "medium", "hard"]));
  });

  it("generates identical tests on every run", () => {
    for (const p of problems) expect(JSON.stringify(p.tests())).toBe(JSON.stringify(p.tests()));
  });

  const solve = (slug: string, input: string) => problems.find((p) => p.slug === slug)!.solve(input);

  it("reference solutions give the known answers", () => {
    expect(solve("a-plus-b", "1 2\n")).toBe("3\n");
    expect(solve("a-plus-b", "1000000000 1000000000\n")).toBe("2000000000\n");
    expect(solve("sum-of-n", "3\n1 2 3\n")).toBe("6\n");
    expect(solve("circle-area", "1\n")).toBe("3.141593\n");
    expect(solve("circle-area", "2.5\n")).toBe("19.634954\n");
    expect(solve("reverse-words", "a  b   c\n")).toBe("c b a\n");
    expect(solve("multi-gcd", "3\n12 18\n7 13\n100 10\n")).toBe("6\n1\n10\n");
    expect(solve("multi-gcd", "1\n1000000000000000000 999999999999999999\n")).toBe("1\n");
    expect(solve("range-sums", "5 3\n1 2 3 4 5\n1 5\n2 3\n4 4\n")).toBe("15\n5\n4\n");
  });

  it("fibonacci fast doubling matches plain iteration", () => {
    const M = 1_000_000_007n;
    let a = 0n;
    let b = 1n;
    for (let n = 0; n <= 2000; n++) {
      expect(solve("fibonacci-mod", `${n}\n`)).toBe(`${a}\n`);
      [a, b] = [b, (a + b) % M];
    }
    expect(solve("fibonacci-mod", "0\n")).toBe("0\n");
  });
});
