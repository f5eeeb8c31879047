// Prints exactly one line, "N passed, N failed", over the stages of scripts/test.sh.
//
//   tsx scripts/test-summary.ts --stage typecheck=pass --stage lint=skip \
//     --vitest test-results/vitest.json:0 --playwright test-results/playwright.json:1
//
// --stage NAME=pass|fail|skip  a non-test stage: 1 passed or 1 failed (skip counts nothing)
// --fail-only NAME=pass|fail   counts only a failure (setup, image build)
// --vitest FILE:EXIT           Vitest JSON report and the runner's exit code ("skip" to skip)
// --playwright FILE:EXIT       Playwright JSON report and exit code ("skip" to skip)
// A runner that exits non-zero without any failure in its report (crash, unhandled error,
// missing or unreadable report) counts as 1 failed.
import { readFileSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

function vitestCounts(file: string, exit: number): Counts {
  const r = obj(readJson(file));
  if (!('numTotalTests' in r)) return { passed: 0, failed: 1 };
  const passed = num(r.numPassedTests);
  let failed = num(r.numFailedTests);
  // Files that failed without a failed test (import or syntax error, failing hook).
  const files = Array.isArray(r.testResults) ? r.testResults : [];
  for (const f of files) {
    const fr = obj(f);
    const asserts = Array.isArray(fr.assertionResults) ? fr.assertionResults : [];
    if (fr.status === 'failed' && !asserts.some((a) => obj(a).status === 'failed')) failed += 1;
  }
  if (failed === 0 && (exit !== 0 || r.success === false)) failed = 1;
  return { passed, failed };
}

function playwrightCounts(file: string, exit: number): Counts {
  const r = obj(readJson(file));
  if (!('stats' in r)) return { passed: 0, failed: 1 };
  const s = obj(r.stats);
  const passed = num(s.expected) + num(s.flaky);
  let failed = num(s.unexpected);
  if (failed === 0 && ((Array.isArray(r.errors) && r.errors.length > 0) || exit !== 0)) failed = 1;
  return { passed, failed };
}

function main(argv: string[]): Counts {
  const total: Counts = { passed: 0, failed: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1] ?? '';
    if (flag === '--stage' || flag === '--fail-only') {
      const status = value.slice(value.lastIndexOf('=') + 1);
      if (status === 'fail') total.failed += 1;
      else if (status === 'pass' && flag === '--stage') total.passed += 1;
    } else if (flag === '--vitest' || flag === '--playwright') {
      if (value === 'skip') continue;
      const at = value.lastIndexOf(':');
      const file = value.slice(0, at);
      const exit = Number(value.slice(at + 1));
      const c = flag === '--vitest' ? vitestCounts(file, exit) : playwrightCounts(file, exit);
      total.passed += c.passed;
      total.failed += c.failed;
    } else {
      // Unknown argument: do not hide it, count it as a failure of the summary itself.
      total.failed += 1;
    }
  }
  return total;
}

const t = main(process.argv.slice(2));
console.log(`${t.passed} passed, ${t.failed} failed`);
process.exit(t.failed > 0 ? 1 : 0);
