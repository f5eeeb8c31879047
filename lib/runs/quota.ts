import "server-only";
import { prisma } from "../db";
import { refusalBody } from "../quotas/http";
import { admitRun, finishRun } from "../quotas/service";
import type { Role } from "../quotas/defaults";
import type { QuotaDecision, RunRecord, RunUser } from "./registry";

/**
 * Quotas for IDE runs (lib/quotas): source size, daily CPU, runs at once and per minute. The
 * admitted run frees its slot and is charged its CPU time when it ends.
 */
export async function checkRunQuota(user: RunUser, run: RunRecord, replacing: number): Promise<QuotaDecision> {
  const quotaUser = { id: user.id, role: user.role as Role };
  const admission = await admitRun(prisma, quotaUser, { sourceBytes: run.sourceBytes }, new Date(), { replacing });
  if (!admission.ok) return { ok: false, message: admission.message, quota: refusalBody(admission) };
  return { ok: true, release: (cpuMs) => finishRun(prisma, user.id, cpuMs) };
}
