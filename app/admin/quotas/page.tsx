import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { ROLES } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { dayWindow, NO_WINDOW } from "@/lib/quotas/counters";
import { DEFAULT_QUOTAS, QUOTA_FIELDS } from "@/lib/quotas/defaults";
import { removeUserQuota, resetUserUsage } from "./actions";
import { RoleQuotaForm, UserQuotaForm } from "./forms";

export const metadata: Metadata = { title: "Quotas" };
export const dynamic = "force-dynamic";

export default async function AdminQuotasPage() {
  await requireRole("admin");
  const today = dayWindow(new Date());
  const [roleRows, userRows, counters, runsToday, submissionsToday] = await Promise.all([
    prisma.roleQuota.findMany(),
    prisma.userQuota.findMany({ include: { user: { select: { email: true, role: true } } }, orderBy: { updatedAt: "desc" } }),
    prisma.usageCounter.findMany({
      where: { OR: [{ kind: "cpu_ms", windowStart: today }, { kind: { in: ["concurrent_runs", "queued_submissions"] }, windowStart: NO_WINDOW, count: { gt: 0 } }] },
    }),
    prisma.run.groupBy({ by: ["userId"], where: { createdAt: { gte: today } }, _count: { _all: true } }),
    prisma.submission.groupBy({ by: ["userId"], where: { createdAt: { gte: today } }, _count: { _all: true } }),
  ]);
  const current = Object.fromEntries(roleRows.map((r) => [r.role, Object.fromEntries(QUOTA_FIELDS.map((f) => [f, r[f]]))]));

  type Row = { runs: number; submissions: number; cpuMs: number; running: number; queued: number };
  const usage = new Map<string, Row>();
  const row = (userId: string) => usage.get(userId) ?? (usage.set(userId, { runs: 0, submissions: 0, cpuMs: 0, running: 0, queued: 0 }), usage.get(userId)!);
  for (const r of runsToday) row(r.userId).runs = r._count._all;
  for (const s of submissionsToday) row(s.userId).submissions = s._count._all;
  for (const c of counters) {
    if (c.kind === "cpu_ms") row(c.userId).cpuMs = c.count;
    if (c.kind === "concurrent_runs") row(c.userId).running = c.count;
    if (c.kind === "queued_submissions") row(c.userId).queued = c.count;
  }
  const users = await prisma.user.findMany({ where: { id: { in: [...usage.keys()] } }, select: { id: true, email: true, role: true } });

  return (
    <div>
      <h1 className="text-2xl font-semibold">Quotas</h1>
      <p className="mt-1 text-muted">Changes apply to the next run or submission; no restart needed.</p>

      <h2 className="mt-8 text-lg font-semibold">Limits per role</h2>
      <RoleQuotaForm roles={ROLES} defaults={DEFAULT_QUOTAS} current={current} />

      <h2 className="mt-8 text-lg font-semibold">Overrides for one user</h2>
      <UserQuotaForm />
      {userRows.length > 0 && (
        <ul className="mt-3 space-y-1 text-sm">
          {userRows.map((u) => (
            <li key={u.userId} className="flex items-center gap-3">
              <span>{u.user.email}</span>
              <span className="text-muted">
                {QUOTA_FIELDS.filter((f) => u[f] !== null).map((f) => `${f}=${u[f]}`).join(", ") || "no overrides"}
                {u.note ? ` (${u.note})` : ""}
              </span>
              <form action={removeUserQuota}>
                <input type="hidden" name="userId" value={u.userId} />
                <button className="text-red-600 hover:underline">remove</button>
              </form>
            </li>
          ))}
        </ul>
      )}

      <h2 className="mt-8 text-lg font-semibold">Usage today (UTC)</h2>
      <div className="mt-3 overflow-hidden rounded-lg border border-border bg-card">
        <table className="w-full text-left text-sm" data-testid="usage-table">
          <thead className="border-b border-border text-muted">
            <tr>
              <th className="px-4 py-2 font-medium">User</th>
              <th className="px-4 py-2 font-medium">Role</th>
              <th className="px-4 py-2 text-right font-medium">Runs</th>
              <th className="px-4 py-2 text-right font-medium">Submissions</th>
              <th className="px-4 py-2 text-right font-medium">CPU s</th>
              <th className="px-4 py-2 text-right font-medium">Running</th>
              <th className="px-4 py-2 text-right font-medium">Waiting</th>
              <th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody>
            {users.length === 0 && (
              <tr>
                <td colSpan={8} className="px-4 py-3 text-muted">No usage yet today.</td>
              </tr>
            )}
            {users.map((u) => {
              const r = usage.get(u.id)!;
              return (
                <tr key={u.id} className="border-b border-border last:border-0" data-email={u.email}>
                  <td className="px-4 py-2">{u.email}</td>
                  <td className="px-4 py-2">{u.role}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{r.runs}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{r.submissions}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{(r.cpuMs / 1000).toFixed(1)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{r.running}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{r.queued}</td>
                  <td className="px-4 py-2 text-right">
                    <form action={resetUserUsage}>
                      <input type="hidden" name="userId" value={u.id} />
                      <button className="text-accent hover:underline">reset usage</button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
