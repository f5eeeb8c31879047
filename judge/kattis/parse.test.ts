/**
 * Parsing Kattis packages: the fixtures map as documented, and every malformed part gives its
 * own specific message (all of them together, with the file they are about).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PackageError, formatProblem } from "./errors";
import { loadKattisPackage, parseKattisFiles, type ParsedProblem } from "./parse";
import { FIXTURES, minimalPackage, pkgOf } from "./test-support";

function parse(files: Record<string, string | Buffer | undefined>, name = "testprob"): ParsedProblem {
  return parseKattisFiles(pkgOf(minimalPackage(files), name));
}

/** The formatted problems of a package that must fail. */
function problemsOf(files: Record<string, string | Buffer | undefined>): string[] {
  try {
    parse(files);
  } catch (error) {
    expect(error).toBeInstanceOf(PackageError);
    return (error as PackageError).problems.map(formatProblem);
  }
  throw new Error("the package was accepted");
}

describe("fixture packages", () => {
  it("trainboarding (shared, LaTeX statement) maps to a tokens problem with samples first", async () => {
    const p = await loadKattisPackage(path.join(FIXTURES, "trainboarding"));
    expect(p.slug).toBe("trainboarding");
    expect(p.title).toBe("Train Boarding");
    expect(p.checker).toBe("tokens");
    expect(p.scoring).toBe("icpc");
    expect(p.timeLimitMs).toBe(2000);
    expect(p.memoryLimitMb).toBe(256);
    expect(p.tests).toHaveLength(27);
    expect(p.tests.slice(0, 2).map((t) => [t.kind, t.path])).toEqual([
      ["sample", "data/sample/1"],
      ["sample", "data/sample/2"],
    ]);
    expect(p.tests[2]).toMatchObject({ kind: "hidden", groupName: "", path: "data/secret/train-01" });
    expect(p.statement).toContain("## Input");
    expect(p.statement).toContain("$1 \\leq N \\leq 100$");
    expect(p.statement).not.toContain("\\section");
    expect(p.metadata).toMatchObject({ author: "Howard Cheng", license: "cc by-sa" });
    // CC BY-SA: the credit is shown under the statement.
    expect(p.statement.endsWith("\n\n---\n\n*Author: Howard Cheng · Source: Rocky Mountain Regional Programming Contest 2020 · License: CC BY-SA*\n")).toBe(true);
    expect(p.warnings.map(formatProblem).join("\n")).toMatch(/images are not imported \(Diagram1\.png\)/);
  });

  it("arithmeticdecoding keeps display math for KaTeX", async () => {
    const p = await loadKattisPackage(path.join(FIXTURES, "arithmeticdecoding"));
    expect(p.tests).toHaveLength(83);
    expect(p.statement).toMatch(/\n\$\$\n\[0,1\) \\xrightarrow\{A\}/);
    expect(p.statement).toContain("“ABAB”");
  });

  it("sumpairs: custom Python validator, groups, submissions of every folder", async () => {
    const p = await loadKattisPackage(path.join(FIXTURES, "sumpairs"));
    expect(p).toMatchObject({ slug: "sumpairs", title: "Sum Pairs", checker: "custom", checkerLanguage: "python", timeLimitMs: 1000, memoryLimitMb: 256 });
    expect(p.checkerSource).toContain("sys.exit(42 if ok else 43)");
    expect(p.statement).not.toContain("A comment that must not appear");
    expect(p.statement).toContain("- the **order** of $i$ and $j$ does not matter.");
    expect(new Set(p.tests.map((t) => t.groupName))).toEqual(new Set(["", "large", "small"]));
    expect(p.submissions.map((s) => `${s.name}:${s.expectedVerdict}:${s.language}`).sort()).toEqual([
      "accepted/hash.py:accepted:python",
      "accepted/two_pointers.cpp:accepted:cpp",
      "run_time_error/fixed_table.cpp:runtime_error:cpp",
      "run_time_error/recursive.py:runtime_error:python",
      "time_limit_exceeded/brute.cpp:time_limit_exceeded:cpp",
      "time_limit_exceeded/brute.py:time_limit_exceeded:python",
      "wrong_answer/adjacent_only.py:wrong_answer:python",
      "wrong_answer/zero_based.cpp:wrong_answer:cpp",
    ]);
  });
});

describe("mapping", () => {
  it("limits: .timelimit seconds and limits.memory", () => {
    const p = parse({ ".timelimit": "2.25\n", "problem.yaml": "name: X\nlimits:\n  memory: 512\n" });
    expect(p.timeLimitMs).toBe(2250);
    expect(p.memoryLimitMb).toBe(512);
  });

  it("validator_flags: float_tolerance, absolute/relative, exact, default tokens", () => {
    expect(parse({ "problem.yaml": "name: X\nvalidator_flags: float_tolerance 1e-2\n" })).toMatchObject({ checker: "float", floatAbsTol: 0.01, floatRelTol: 0.01 });
    expect(parse({ "problem.yaml": "name: X\nvalidator_flags: float_absolute_tolerance 1e-6\n" })).toMatchObject({ checker: "float", floatAbsTol: 1e-6, floatRelTol: null });
    expect(parse({ "problem.yaml": "name: X\nvalidator_flags: float_relative_tolerance 1e-4 case_sensitive\n" })).toMatchObject({ checker: "float", floatAbsTol: null, floatRelTol: 1e-4 });
    expect(parse({ "problem.yaml": "name: X\nvalidator_flags: case_sensitive space_change_sensitive\n" }).checker).toBe("exact");
    expect(parse({ "problem.yaml": "name: X\nvalidator_flags: case_sensitive\n" }).checker).toBe("tokens");
    expect(parse({}).checker).toBe("tokens");
  });

  it("scoring problems: group points from testdata.yaml range, accept_score × tests, or min", () => {
    const p = parse({
      "problem.yaml": "name: X\ntype: scoring\n",
      "data/secret/1.in": undefined,
      "data/secret/1.ans": undefined,
      "data/secret/g1/a.in": "1\n",
      "data/secret/g1/a.ans": "1\n",
      "data/secret/g1/testdata.yaml": "range: 0 30\n",
      "data/secret/g2/a.in": "2\n",
      "data/secret/g2/a.ans": "2\n",
      "data/secret/g2/b.in": "3\n",
      "data/secret/g2/b.ans": "3\n",
      "data/secret/g2/testdata.yaml": "accept_score: 5\n",
      "data/secret/g3/a.in": "4\n",
      "data/secret/g3/a.ans": "4\n",
      "data/secret/g3/b.in": "5\n",
      "data/secret/g3/b.ans": "5\n",
      "data/secret/g3/testdata.yaml": "accept_score: 20\ngrader_flags: min\n",
      "data/secret/g3/deeper/x.in": "6\n",
      "data/secret/g3/deeper/x.ans": "6\n",
    });
    expect(p.scoring).toBe("subtasks");
    expect(p.stopAtFirstFailure).toBe(false);
    expect(p.tests.map((t) => [t.kind, t.groupName, t.points])).toEqual([
      ["sample", "", 0],
      ["hidden", "g1", 30],
      ["hidden", "g2", 10],
      ["hidden", "g2", 10],
      ["hidden", "g3", 20],
      ["hidden", "g3", 20],
      // testdata.yaml is inherited by sub-folders; each folder is its own group.
      ["hidden", "g3/deeper", 20],
    ]);
  });

  it("a C++ validator's local headers are inlined", () => {
    const p = parse({
      "problem.yaml": "name: X\nvalidation: custom\n",
      "output_validators/v/validate.cpp": '#include "validate.h"\nint main() { return check(); }\n',
      "output_validators/v/validate.h": "#pragma once\nint check() { return 42; }\n",
    });
    expect(p.checker).toBe("custom");
    expect(p.checkerLanguage).toBe("cpp");
    expect(p.checkerSource).toContain("int check() { return 42; }");
    expect(p.checkerSource).not.toContain('#include "validate.h"');
  });

  it("slug from the folder name, normalised; arbiter.yaml settings", () => {
    expect(parseKattisFiles(pkgOf(minimalPackage(), "Sum Pairs (2)")).slug).toBe("sum-pairs-2");
    const p = parse({ "arbiter.yaml": "slug: add-two\ndifficulty: hard\nallowed_languages: [python]\nstarter_code:\n  python: 'print()'\n" });
    expect(p).toMatchObject({ slug: "add-two", difficulty: "hard", allowedLanguages: ["python"], starterCode: { python: "print()" } });
  });

  it("plain-text statements are escaped, Markdown kept as is", () => {
    const p = parse({ "problem_statement/problem.md": undefined, "problem_statement/problem.txt": "Use *stars* and <tags>.\n- not a list\n" });
    expect(p.statement).toBe("Use \\*stars\\* and \\<tags\\>.\n\\- not a list\n");
    expect(parse({}).statement).toBe("Add $a$ and $b$.\n");
  });

  it("the name may come from \\problemname in the LaTeX statement", () => {
    const p = parse({ "problem.yaml": "limits:\n  memory: 64\n", "problem_statement/problem.md": undefined, "problem_statement/problem.en.tex": "\\problemname{From \\LaTeX}\nBody.\n" });
    expect(p.title).toBe("From LaTeX");
  });
});

describe("malformed packages: one specific message each", () => {
  const cases: [string, Record<string, string | Buffer | undefined>, RegExp][] = [
    ["problem.yaml missing", { "problem.yaml": undefined }, /^problem\.yaml: is missing/],
    ["bad YAML", { "problem.yaml": "name: [unclosed\n" }, /^problem\.yaml: is not valid YAML/],
    ["YAML that is not a mapping", { "problem.yaml": "- a\n- b\n" }, /^problem\.yaml: must be a YAML mapping/],
    ["unknown key", { "problem.yaml": "name: X\nnmae: Y\n" }, /^problem\.yaml: unknown key 'nmae'/],
    ["unknown limits key", { "problem.yaml": "name: X\nlimits:\n  memroy: 5\n" }, /^problem\.yaml: unknown key 'limits\.memroy'/],
    ["negative memory", { "problem.yaml": "name: X\nlimits:\n  memory: -5\n" }, /^problem\.yaml: limits\.memory: must be greater than 0/],
    ["fractional memory", { "problem.yaml": "name: X\nlimits:\n  memory: 1.5\n" }, /^problem\.yaml: limits\.memory: must be a whole number of MiB/],
    ["memory above the maximum", { "problem.yaml": "name: X\nlimits:\n  memory: 4096\n" }, /^problem\.yaml: limits\.memory: 4096 MiB is above the server maximum/],
    ["time multiplier not a number", { "problem.yaml": "name: X\nlimits:\n  time_multiplier: fast\n" }, /^problem\.yaml: limits\.time_multiplier: must be a number/],
    ["bad license", { "problem.yaml": "name: X\nlicense: mine\n" }, /^problem\.yaml: license: must be one of/],
    ["newer format", { "problem.yaml": "name: X\nproblem_format_version: 2023-07-draft\n" }, /problem_format_version: '2023-07-draft' is not supported/],
    ["no name anywhere", { "problem.yaml": "limits:\n  memory: 64\n" }, /^problem\.yaml: name is missing/],
    ["garbage .timelimit", { ".timelimit": "fast\n" }, /^\.timelimit: must hold a positive number of seconds, found 'fast'/],
    ["time limit too high", { ".timelimit": "60\n" }, /^\.timelimit: time limit 60 s is above the server maximum/],
    ["statement folder missing", { "problem_statement/problem.md": undefined }, /^problem_statement\/: is missing/],
    ["no statement file", { "problem_statement/problem.md": undefined, "problem_statement/notes.txt": "x" }, /^problem_statement\/: no statement found: expected one of problem\.en\.md/],
    ["empty statement", { "problem_statement/problem.md": "  \n" }, /^problem_statement\/problem\.md: the statement is empty/],
    [".in without .ans", { "data/secret/2.in": "1\n" }, /^data\/secret\/2\.in: has no matching 2\.ans/],
    [".ans without .in", { "data/secret/3.ans": "1\n" }, /^data\/secret\/3\.ans: has no matching 3\.in/],
    ["no test data", { "data/sample/1.in": undefined, "data/sample/1.ans": undefined, "data/secret/1.in": undefined, "data/secret/1.ans": undefined }, /^data\/: is missing/],
    ["unknown data folder", { "data/extra/1.in": "1" }, /^data\/extra\/: unknown folder in data\//],
    ["unknown file among tests", { "data/secret/notes.doc": "x" }, /^data\/secret\/notes\.doc: unknown file in data\/secret\//],
    ["interactive test files", { "data/sample/1.interaction": "x" }, /^data\/sample\/1\.interaction: interactive problems/],
    ["bad testdata.yaml", { "data/secret/testdata.yaml": "accept_score: lots\n" }, /^data\/secret\/testdata\.yaml: accept_score: must be a number/],
    ["unknown top-level entry", { "notes.txt": "hello" }, /^notes\.txt: unknown top-level entry/],
    ["2023-07 statement folder", { "statement/problem.en.md": "x" }, /^statement\/: the 2023-07 package format is not supported/],
    ["custom validation without a validator", { "problem.yaml": "name: X\nvalidation: custom\n" }, /^output_validators\/: is missing or empty/],
    ["validator in an unsupported language", { "problem.yaml": "name: X\nvalidation: custom\n", "output_validators/v/Validate.java": "class V {}" }, /^output_validators\/v\/Validate\.java: output validators must be one Python, C or C\+\+ source/],
    ["two validators", { "problem.yaml": "name: X\nvalidation: custom\n", "output_validators/a/a.py": "x", "output_validators/b/b.py": "y" }, /^output_validators\/: holds 2 programs/],
    ["validator include not found", { "problem.yaml": "name: X\nvalidation: custom\n", "output_validators/v/v.cpp": '#include "testlib.h"\nint main(){}\n' }, /^output_validators\/v\/v\.cpp: includes "testlib\.h", which is not in output_validators\/v\//],
    ["validator without validation: custom", { "output_validators/v/v.py": "print()" }, /^output_validators\/: is present but problem\.yaml does not say 'validation: custom'/],
    ["unknown validator flag", { "problem.yaml": "name: X\nvalidator_flags: ignore_case\n" }, /^problem\.yaml: validator_flags: unknown flag 'ignore_case'/],
    ["float flag without a number", { "problem.yaml": "name: X\nvalidator_flags: float_tolerance\n" }, /^problem\.yaml: validator_flags: float_tolerance needs a non-negative number/],
    ["interactive validation", { "problem.yaml": "name: X\nvalidation: custom interactive\n" }, /^problem\.yaml: validation: 'custom interactive': interactive problems are not supported/],
    ["unknown submissions folder", { "submissions/partially_accepted/a.py": "print()" }, /^submissions\/partially_accepted\/: unknown verdict folder/],
    ["non-UTF-8 test data", { "data/secret/1.in": Buffer.from([0xff, 0xfe, 0x41]) }, /^data\/secret\/1\.in: is not valid UTF-8 text/],
    ["NUL bytes in test data", { "data/secret/1.ans": Buffer.from("1\u00002\n") }, /^data\/secret\/1\.ans: contains NUL bytes/],
    ["non-UTF-8 statement", { "problem_statement/problem.md": Buffer.from([0xc3, 0x28]) }, /^problem_statement\/problem\.md: is not valid UTF-8 text/],
    ["bad arbiter.yaml", { "arbiter.yaml": "difficulty: extreme\n" }, /^arbiter\.yaml: difficulty: must be easy, medium or hard/],
  ];
  it.each(cases)("%s", (_name, files, message) => {
    const problems = problemsOf(files);
    expect(problems.some((p) => message.test(p)), problems.join("\n")).toBe(true);
  });

  it("reports every problem of a package together", () => {
    const problems = problemsOf({
      "problem.yaml": "name: X\nlimits:\n  memory: -1\n",
      ".timelimit": "soon",
      "data/secret/2.in": "1\n",
      "notes.txt": "x",
      "submissions/maybe/a.py": "print()",
    });
    expect(problems).toHaveLength(5);
    expect(problems.join("\n")).toMatch(/limits\.memory[\s\S]*\.timelimit|\.timelimit[\s\S]*limits\.memory/);
  });

  it("unsupported submission languages are skipped with a warning, not an error", () => {
    const p = parse({ "submissions/accepted/Sol.java": "class Sol {}", "submissions/accepted/sol.py": "print(3)" });
    expect(p.submissions.map((s) => s.name)).toEqual(["accepted/sol.py"]);
    expect(p.warnings.map(formatProblem).join("\n")).toMatch(/submissions\/accepted\/Sol\.java: language of '\.java' files is not supported/);
  });
});
