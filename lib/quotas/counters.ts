/**
 * Usage counters with atomic check-and-increment: one conditional UPDATE decides, so twenty
 * parallel requests at a limit of five admit exactly five, on SQLite (one writer at a time) and
 * on PostgreSQL (the row lock re-checks the condition).
 */
import type { Db } from "../db";

export type CounterKind = "runs" | "submissions" | "cpu_ms" | "concurrent_runs" | "queued_submissions";

/** Counters that are not per time window use this fixed window start. */
export const NO_WINDOW = new Date(0);

export function minuteWindow(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

export function dayWindow(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Makes sure the counter row exists (another request may create it at the same moment). */
async function ensureCounter(db: Db, userId: string, kind: CounterKind, windowStart: Date): Promise<void> {
  try {
    await db.usageCounter.create({ data: { userId, kind, windowStart, count: 0 }, select: { id: true } });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error; // P2002: it exists already
  }
}

/**
 * Adds `by` unless that would pass `limit`; returns whether it was added. One conditional
 * UPDATE on the hot path; the row is created only the first time in a window.
 */
export async function tryIncrement(db: Db, userId: string, kind: CounterKind, windowStart: Date, limit: number, by = 1): Promise<boolean> {
  const attempt = () =>
    db.usageCounter.updateMany({ where: { userId, kind, windowStart, count: { lte: limit - by } }, data: { count: { increment: by } } });
  const { count } = await attempt();
  if (count === 1) return true;
  const exists = await db.usageCounter.findUnique({ where: { userId_kind_windowStart: { userId, kind, windowStart } }, select: { id: true } });
  if (exists) return false; // at the limit
  await ensureCounter(db, userId, kind, windowStart);
  return (await attempt()).count === 1;
}

/** Adds `by` whatever the total (charging what was already used). */
export async function increment(db: Db, userId: string, kind: CounterKind, windowStart: Date, by: number): Promise<void> {
  const update = () => db.usageCounter.updateMany({ where: { userId, kind, windowStart }, data: { count: { increment: by } } });
  if ((await update()).count === 1) return;
  await ensureCounter(db, userId, kind, windowStart);
  await update();
}

/** Takes one back, never below zero. */
export async function decrement(db: Db, userId: string, kind: CounterKind, windowStart: Date): Promise<void> {
  await db.usageCounter.updateMany({ where: { userId, kind, windowStart, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

export async function readCounter(db: Db, userId: string, kind: CounterKind, windowStart: Date): Promise<number> {
  const row = await db.usageCounter.findUnique({ where: { userId_kind_windowStart: { userId, kind, windowStart } }, select: { count: true } });
  return row?.count ?? 0;
}
