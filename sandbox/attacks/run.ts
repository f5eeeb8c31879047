/** Runs one attack and judges whether the sandbox contained it. */
import type { Sandbox } from "../index";
import type { RunResult } from "../types";
import type { Attack } from "./index";

export interface AttackOutcome {
  attack: Attack;
  result: RunResult;
  contained: boolean;
  /** Why it does not count as contained (empty when contained). */
  problems: string[];
}

export async function runAttack(sandbox: Sandbox, attack: Attack, leakValues: string[] = []): Promise<AttackOutcome> {
  const session = await sandbox.openSession({ language: attack.language, source: attack.source, limits: attack.limits });
  let result: RunResult;
  try {
    const compiled = await session.compile();
    if (compiled && compiled.status !== "OK") {
      result = compiled;
    } else if (attack.holdStdin) {
      result = await session.start({}).result; // stdin is never written nor closed
    } else {
      result = await session.run({ stdin: attack.stdin ?? "" });
    }
  } finally {
    await session.close();
  }
  return { attack, result, ...judge(attack, result, leakValues) };
}

export function judge(attack: Attack, result: RunResult, leakValues: string[] = []): { contained: boolean; problems: string[] } {
  const problems: string[] = [];
  if (!attack.expect.includes(result.status)) {
    problems.push(`status ${result.status} (${result.message}), expected ${attack.expect.join(" or ")}`);
  }
  const lines = result.stdout.split("\n");
  for (const line of lines) if (/: ESCAPED/.test(line)) problems.push(line);
  for (const probe of attack.expectBlocked ?? []) {
    if (!lines.some((l) => l.startsWith(`${probe}: blocked`))) problems.push(`probe "${probe}" did not report blocked`);
  }
  for (const text of attack.stdoutIncludes ?? []) {
    if (!result.stdout.includes(text)) problems.push(`stdout lacks ${JSON.stringify(text)}`);
  }
  for (const value of leakValues) {
    if (value && (result.stdout.includes(value) || result.stderr.includes(value))) problems.push("a host secret leaked into the output");
  }
  if (attack.maxWallMs !== undefined && result.wallMs > attack.maxWallMs) {
    problems.push(`took ${result.wallMs} ms of wall time (at most ${attack.maxWallMs})`);
  }
  return { contained: problems.length === 0, problems };
}
