/**
 * Import into a real (SQLite) database: one transaction (a failure at any step leaves no row),
 * slug clashes, replace, and the export -> import round trip giving identical rows.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

const { importProblem, SlugClashError } = await import("./import");
const { exportProblem, loadExportable, problemToFiles, zipFiles } = await import("./export");
const { loadKattisPackage, parseKattisFiles, parseKattisZip } = await import("./parse");
const { FIXTURES, minimalPackage, pkgOf } = await import("./test-support");
const { freshDb } = await import("./test-db");

type Fresh = Awaited<ReturnType<typeof freshDb>>;
let env: Fresh;
let tmp: string;
beforeAll(async () => {
  env = await freshDb();
  tmp = await mkdtemp(path.join(tmpdir(), "arbiter-kattis-export-"));
});
afterAll(async () => {
  await env?.cleanup();
  await rm(tmp, { recursive: true, force: true });
});

async function counts() {
  const db = env.db;
  return {
    problems: await db.problem.count(),
    tests: await db.testCase.count(),
    solutions: await db.referenceSolution.count(),
    packages: await db.problemPackage.count(),
  };
}

describe("import", () => {
  it("imports sumpairs: problem, tests in order, reference solutions, metadata", async () => {
    const p = await loadKattisPackage(path.join(FIXTURES, "sumpairs"));
    const r = await importProblem(env.db, p);
    expect(r).toMatchObject({ slug: "sumpairs", replaced: false, tests: 9, submissions: 8 });
    const row = await env.db.problem.findUniqueOrThrow({ where: { slug: "sumpairs" }, include: { tests: { orderBy: { ordinal: "asc" } }, package: true } });
    expect(row).toMatchObject({ title: "Sum Pairs", checker: "custom", checkerLanguage: "python", timeLimitMs: 1000, memoryLimitMb: 256, visibility: "draft" });
    expect(row.tests.map((t) => t.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(row.tests.slice(0, 2).every((t) => t.kind === "sample")).toBe(true);
    expect(row.tests[2]).toMatchObject({ kind: "hidden", groupName: "large" });
    expect(JSON.parse(row.package!.metadata)).toMatchObject({ author: "Arbiter developers", license: "cc by-sa", time_multiplier: 5 });
    const audit = await env.db.auditEvent.findFirstOrThrow({ where: { action: "problem.import", targetId: r.problemId } });
    expect(JSON.parse(audit.data!)).toMatchObject({ slug: "sumpairs", tests: 9 });
  });

  it("refuses a slug clash with a clear message and changes nothing", async () => {
    const before = await counts();
    const p = parseKattisFiles(pkgOf(minimalPackage(), "sumpairs"));
    await expect(importProblem(env.db, p)).rejects.toThrow(SlugClashError);
    await expect(importProblem(env.db, p)).rejects.toThrow(/a problem with slug 'sumpairs' already exists; import with --replace/);
    expect(await counts()).toEqual(before);
  });

  it("replace keeps the problem's id and swaps its content", async () => {
    const p = parseKattisFiles(pkgOf(minimalPackage(), "replaceme"));
    const first = await importProblem(env.db, p);
    const p2 = parseKattisFiles(pkgOf(minimalPackage({ "problem.yaml": "name: Add Two Again\n", "data/secret/2.in": "1 1\n", "data/secret/2.ans": "2\n" }), "replaceme"));
    const second = await importProblem(env.db, p2, { replace: true, publish: true });
    expect(second).toMatchObject({ problemId: first.problemId, replaced: true, tests: 3 });
    const row = await env.db.problem.findUniqueOrThrow({ where: { slug: "replaceme" }, include: { _count: { select: { tests: true } } } });
    expect(row).toMatchObject({ title: "Add Two Again", visibility: "published" });
    expect(row.publishedAt).not.toBeNull();
    expect(row._count.tests).toBe(3);
  });

  it.each(["problem", "tests", "solutions", "package"] as const)("a failure after step '%s' leaves nothing behind", async (step) => {
    const before = await counts();
    const p = await loadKattisPackage(path.join(FIXTURES, "sumpairs"), { slug: `atomic-${step}` });
    await expect(
      importProblem(env.db, p, {
        onStep: (s) => {
          if (s === step) throw new Error(`injected failure after ${s}`);
        },
      }),
    ).rejects.toThrow(`injected failure after ${step}`);
    expect(await counts()).toEqual(before);
    expect(await env.db.problem.findUnique({ where: { slug: `atomic-${step}` } })).toBeNull();
  });

  it("a failed replace leaves the old problem as it was", async () => {
    const before = await env.db.problem.findUniqueOrThrow({ where: { slug: "replaceme" }, include: { tests: true } });
    const p = parseKattisFiles(pkgOf(minimalPackage({ "problem.yaml": "name: Broken\n" }), "replaceme"));
    await expect(importProblem(env.db, p, { replace: true, onStep: (s) => { if (s === "tests") throw new Error("boom"); } })).rejects.toThrow("boom");
    const after = await env.db.problem.findUniqueOrThrow({ where: { slug: "replaceme" }, include: { tests: true } });
    expect(after.title).toBe(before.title);
    expect(after.tests.map((t) => t.id).sort()).toEqual(before.tests.map((t) => t.id).sort());
  });
});

describe("export -> import round trip", () => {
  async function roundTrip(slug: string, via: "zip" | "dir") {
    const original = await loadExportable(env.db, slug);
    expect(original).not.toBeNull();
    const out = path.join(tmp, via === "zip" ? `${slug}.zip` : slug);
    await exportProblem(env.db, slug, out);
    const again = via === "zip" ? await parseKattisZip(await readFile(out), `${slug}.zip`) : await loadKattisPackage(out);
    expect(again.warnings.filter((w) => !/LaTeX statement was converted/.test(w.message))).toEqual([]);
    await importProblem(env.db, { ...again, slug: `${slug}-copy` });
    const copy = await loadExportable(env.db, `${slug}-copy`);
    expect({ ...copy, slug }).toEqual(original);
  }

  it("sumpairs (custom checker, groups, submissions) through a zip", async () => {
    await roundTrip("sumpairs", "zip");
  });

  it("the shared packages (LaTeX statements) through a directory", async () => {
    for (const name of ["trainboarding", "arithmeticdecoding"]) {
      await importProblem(env.db, await loadKattisPackage(path.join(FIXTURES, name)));
      await roundTrip(name, "dir");
    }
  });

  it("a scoring problem with float checker and Arbiter settings", async () => {
    const p = parseKattisFiles(
      pkgOf(
        minimalPackage({
          "problem.yaml": "name: Scored\ntype: scoring\nvalidator_flags: float_absolute_tolerance 1e-6 float_relative_tolerance 1e-4\nlimits:\n  memory: 64\n",
          "arbiter.yaml": "difficulty: hard\nallowed_languages: [python, cpp]\nstarter_code:\n  python: |\n    print(1)\n",
          "data/secret/1.in": undefined,
          "data/secret/1.ans": undefined,
          "data/secret/easy/1.in": "1\n",
          "data/secret/easy/1.ans": "1.0\n",
          "data/secret/easy/testdata.yaml": "range: 0 40\n",
          "data/secret/hard/1.in": "2\n",
          "data/secret/hard/1.ans": "2.0\n",
          "data/secret/hard/2.in": "3\n",
          "data/secret/hard/2.ans": "3.0\n",
          "submissions/accepted/a.py": "print(float(input()))\n",
        }),
        "scored",
      ),
    );
    await importProblem(env.db, p);
    const row = await loadExportable(env.db, "scored");
    expect(row).toMatchObject({ scoring: "subtasks", checker: "float", floatAbsTol: 1e-6, floatRelTol: 1e-4, difficulty: "hard", allowedLanguages: ["python", "cpp"] });
    expect(row!.tests.map((t) => [t.groupName, t.points])).toEqual([["", 0], ["easy", 40], ["hard", 2], ["hard", 2]]);
    await roundTrip("scored", "zip");
  });

  it("the exported problem.md has no attribution line (problem.yaml carries the credit)", async () => {
    const p = await loadExportable(env.db, "trainboarding");
    expect(p!.statement).toContain("License: CC BY-SA");
    const md = problemToFiles(p!).get("problem_statement/problem.md")!.toString();
    expect(md).not.toContain("License: CC BY-SA");
    expect(p!.statement.startsWith(md)).toBe(true);
  });

  it("export is deterministic (same zip bytes twice)", async () => {
    const p = await loadExportable(env.db, "sumpairs");
    const a = await zipFiles(problemToFiles(p!));
    const b = await zipFiles(problemToFiles(p!));
    expect(a.equals(b)).toBe(true);
  });
});
