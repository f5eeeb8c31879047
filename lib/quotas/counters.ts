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

async function counterId(db: Db, userId: string, kind: CounterKind, windowStart: Date): Promise<string> {
  const where = { userId_kind_windowStart: { userId, kind, windowStart } };
  try {
    return (await db.usageCounter.upsert({ where, create: { userId, kind, windowStart, count: 0 }, update: {}, select: { id: true } })).id;
  } catch {
    // Two first requests raced to create the row: the other one made it.
    return (await db.usageCounter.findUniqueOrThrow({ where, select: { id: true } })).id;
  }
}

/** Adds `by` unless that would pass `limit`. Returns whether it was added. */
export async function tryIncrement(db: Db, userId: string, kind: CounterKind, windowStart: Date, limit: number, by = 1): Promise<boolean> {
  const id = await counterId(db, userId, kind, windowStart);
  const changed = await db.$executeRaw`UPDATE "UsageCounter" SET "count" = "count" + ${by} WHERE "id" = ${id} AND "count" + ${by} <= ${limit}`;
  return changed === 1;
}

/** Adds `by` whatever the total (charging what was already used). */
export async function increment(db: Db, userId: string, kind: CounterKind, windowStart: Date, by: number): Promise<void> {
  const id = await counterId(db, userId, kind, windowStart);
  await db.$executeRaw`UPDATE "UsageCounter" SET "count" = "count" + ${by} WHERE "id" = ${id}`;
}

/** Takes one back, never below zero. */
export async function decrement(db: Db, userId: string, kind: CounterKind, windowStart: Date): Promise<void> {
  const row = await db.usageCounter.findUnique({ where: { userId_kind_windowStart: { userId, kind, windowStart } }, select: { id: true } });
  if (row) await db.$executeRaw`UPDATE "UsageCounter" SET "count" = "count" - 1 WHERE "id" = ${row.id} AND "count" > 0`;
}

export async function readCounter(db: Db, userId: string, kind: CounterKind, windowStart: Date): Promise<number> {
  const row = await db.usageCounter.findUnique({ where: { userId_kind_windowStart: { userId, kind, windowStart } }, select: { count: true } });
  return row?.count ?? 0;
}
