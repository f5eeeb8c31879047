/**
 * `npm run sandbox:doctor [-- --backend docker|bubblewrap|all]`: checks the host for each
 * backend, self-tests every language, then runs the attack suite and prints what was tried and
 * whether it was contained. Exits non-zero when a critical check or an attack fails.
 */
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { ATTACKS, HOST_CANARY_ENV } from "./attacks";
import { runAttack } from "./attacks/run";
import { Sandbox, makeBackend, type BackendName } from "./index";
import { detectCgroupLayout } from "./cgroups";

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ")).join("\n");
}

function oneLine(text: string, max = 100): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { backend: { type: "string", default: process.env.SANDBOX_BACKEND ?? "auto" } } });
  const layout = detectCgroupLayout();
  console.log(`host: cgroup ${layout ? `v${layout.version}` : "not usable"}, uid ${process.getuid?.()}`);
  let failed = false;
  const usable: BackendName[] = [];
  for (const name of ["docker", "bubblewrap"] as BackendName[]) {
    const checks = await makeBackend(name).healthChecks();
    console.log(`\n${name}`);
    console.log(table([["check", "result", "detail"], ...checks.map((c) => [c.name, c.ok ? "ok" : c.critical ? "FAIL" : "warn", c.detail])]));
    if (checks.every((c) => c.ok || !c.critical)) usable.push(name);
  }
  const wanted: BackendName[] =
    values.backend === "all" ? usable : values.backend === "auto" ? usable.slice(0, 1) : usable.filter((b) => b === values.backend);
  if (wanted.length === 0) {
    console.log(`\nNo usable backend for "${values.backend}": untrusted code will not run. Fix the FAIL lines above.`);
    process.exit(1);
  }
  const canary = randomBytes(12).toString("hex");
  process.env[HOST_CANARY_ENV] = canary;
  for (const name of wanted) {
    const sandbox = await Sandbox.create({ backend: name });
    console.log(`\n${name}: language self-tests`);
    const selfTests = await sandbox.selfTest();
    console.log(table([["language", "status", "detail"], ...selfTests.map((t) => [t.language, t.ok ? "ok" : "FAIL", t.detail])]));
    if (selfTests.some((t) => !t.ok)) failed = true;
    console.log(`\n${name}: attack suite`);
    const rows = [["attack", "status", "contained", "detail"]];
    for (const attack of ATTACKS) {
      const outcome = await runAttack(sandbox, attack, [canary]).catch((error: Error) => ({
        result: { status: "IE", message: error.message },
        contained: false,
        problems: [error.message],
      }));
      if (!outcome.contained) failed = true;
      const detail = outcome.contained ? outcome.result.message : outcome.problems.join("; ");
      rows.push([attack.title, outcome.result.status, outcome.contained ? "yes" : "NO", oneLine(detail)]);
      process.stdout.write(".");
    }
    console.log(`\n${table(rows)}`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`doctor: ${(error as Error).message}`);
  process.exit(1);
});
