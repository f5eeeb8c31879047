import type { RunRecord, RunUser } from "./registry";

/**
 * The quota hook for IDE runs. Issue #6 (quotas) fills this in: runs per hour, concurrent
 * runs, CPU seconds per day from RoleQuota/UserQuota/UsageCounter. Until then every run is
 * allowed (the one-run-per-user policy of the registry already bounds concurrency).
 */
export async function checkRunQuota(user: RunUser, run: RunRecord): Promise<{ ok: true } | { ok: false; message: string }> {
  void user;
  void run;
  return { ok: true };
}
