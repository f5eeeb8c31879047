/**
 * npm run problem -- <command>: Kattis problem packages (judge/kattis/README.md).
 *
 *   import <dir|zip> [--replace] [--publish] [--slug <slug>]
 *   export <slug> <out.zip|out-dir>
 *   verify <dir|zip|slug> [--filter <text>]
 *
 * Uses DATABASE_URL like the app (migrations are applied first, as the server does at start-up).
 * Exit codes: 0 ok; 1 the package/problem is bad or a verify mismatch; 2 usage.
 */
import "../lib/node/register-server-only.mjs";

const { existsSync, statSync, readdirSync } = await import("node:fs");
const { ConfigError, loadEnv } = await import("../lib/env.ts");
const { createPrismaClient } = await import("../lib/db.ts");
const { absoluteDatabaseUrl, deployMigrations } = await import("./db/index.ts");
const { PackageError, formatProblem } = await import("../judge/kattis/errors.ts");
const { loadKattisPackage } = await import("../judge/kattis/parse.ts");
const { importProblem, SlugClashError } = await import("../judge/kattis/import.ts");
const { exportProblem, loadExportable } = await import("../judge/kattis/export.ts");
const { formatReport, verifyProblem } = await import("../judge/kattis/verify.ts");

const USAGE = `usage:
  npm run problem -- import <dir|zip> [--replace] [--publish] [--slug <slug>]
  npm run problem -- export <slug> <out.zip|out-dir>
  npm run problem -- verify <dir|zip|slug> [--filter <text>]`;

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
const flags = new Set<string>(args.filter((a) => a === "--replace" || a === "--publish"));
function option(name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith("--")) fail(`${name} needs a value\n${USAGE}`, 2);
  args.splice(i, 2);
  return v;
}
const slugOption = option("--slug");
const filter = option("--filter");
const positional = args.filter((a) => !a.startsWith("--"));
const unknown = args.filter((a) => a.startsWith("--") && !flags.has(a));
if (unknown.length) fail(`unknown option ${unknown.join(", ")}\n${USAGE}`, 2);
const [command, ...rest] = positional;

async function openDb() {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const url = absoluteDatabaseUrl(env.databaseUrl);
  await deployMigrations(url);
  return createPrismaClient(url);
}

function printWarnings(warnings: { path: string; message: string }[]) {
  for (const w of warnings) process.stderr.write(`warning: ${formatProblem(w)}\n`);
}

async function loadPackage(source: string, slug?: string) {
  try {
    return await loadKattisPackage(source, { slug });
  } catch (error) {
    if (error instanceof PackageError) {
      printWarnings(error.warnings);
      fail(`${source}: cannot import, ${error.problems.length} problem${error.problems.length === 1 ? "" : "s"}:\n${error.problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
    }
    throw error;
  }
}

async function main() {
  if (command === "import" && rest.length === 1) {
    const t0 = performance.now();
    const parsed = await loadPackage(rest[0], slugOption);
    const parseMs = Math.round(performance.now() - t0);
    printWarnings(parsed.warnings);
    const db = await openDb();
    try {
      const r = await importProblem(db, parsed, { replace: flags.has("--replace"), publish: flags.has("--publish") });
      console.log(
        `${r.replaced ? "replaced" : "imported"} '${r.slug}' (${parsed.title}): ${r.tests} tests, ${r.submissions} reference submissions, ` +
          `checker ${parsed.checker}; read+parse ${parseMs} ms, database ${r.ms} ms`,
      );
    } catch (error) {
      if (error instanceof SlugClashError) fail(error.message);
      throw error;
    } finally {
      await db.$disconnect();
    }
    return;
  }
  if (command === "export" && rest.length === 2) {
    const [slug, out] = rest;
    if (!out.toLowerCase().endsWith(".zip") && existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
      fail(`${out} exists and is not an empty directory; choose a new directory or a .zip file`);
    }
    const db = await openDb();
    try {
      const r = await exportProblem(db, slug, out).catch((e: Error) => fail(e.message));
      console.log(`exported '${slug}' to ${out}: ${r.files} files, ${r.bytes} bytes`);
    } finally {
      await db.$disconnect();
    }
    return;
  }
  if (command === "verify" && rest.length === 1) {
    const target = rest[0];
    let problem;
    if (existsSync(target)) {
      const parsed = await loadPackage(target);
      printWarnings(parsed.warnings);
      problem = parsed;
    } else {
      const db = await openDb();
      try {
        problem = await loadExportable(db, target);
      } finally {
        await db.$disconnect();
      }
      if (!problem) fail(`${target} is neither a package (directory or zip) nor the slug of a problem`);
    }
    if (problem.submissions.length === 0) fail(`${target} has no submissions to verify (submissions/<verdict>/)`);
    const { Sandbox } = await import("../sandbox/index.ts");
    const backend = (process.env.SANDBOX_BACKEND as "auto" | "docker" | "bubblewrap" | undefined) ?? "auto";
    const sandbox = await Sandbox.create({ backend }).catch((e: Error) => fail(e.message));
    try {
      console.log(`verifying '${problem.slug}': ${problem.submissions.length} submissions, ${problem.tests.length} tests, time limit ${problem.timeLimitMs / 1000} s`);
      const report = await verifyProblem(problem, {
        sandbox,
        filter,
        onRow: (r, i, n) => process.stderr.write(`[${i + 1}/${n}] ${r.name}: expected ${r.expected}, got ${r.got}${r.ok ? "" : "  <-- MISMATCH"}\n`),
      });
      console.log(formatReport(report));
      if (!report.ok) process.exitCode = 1;
    } finally {
      await sandbox.close();
    }
    return;
  }
  fail(USAGE, 2);
}

await main();
