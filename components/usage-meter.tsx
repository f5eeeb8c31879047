"use client";
import { useEffect, useState } from "react";
import type { Quota } from "@/lib/quotas/defaults";

/** What /api/usage returns (dates as ISO strings). */
export interface Usage {
  quota: Quota;
  runsThisMinute: number;
  submissionsThisMinute: number;
  concurrentRuns: number;
  queuedSubmissions: number;
  cpuSecondsToday: number;
  minuteResetsAt: string;
  dayResetsAt: string;
}

/** Dispatch after a run or submission ends (or is refused) so meters refresh at once. */
export const USAGE_CHANGED_EVENT = "arbiter:usage-changed";
export function announceUsageChanged(): void {
  window.dispatchEvent(new Event(USAGE_CHANGED_EVENT));
}

const REFRESH_MS = 15_000;

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** Why Run (or Submit) would be refused right now, or null. Checked on the server too. */
export function blockedReason(
  usage: Usage | null,
  action: "run" | "submit",
  { sourceBytes = 0, replacingRun = false }: { sourceBytes?: number; replacingRun?: boolean } = {},
): string | null {
  if (!usage) return null;
  const q = usage.quota;
  if (sourceBytes > q.maxSourceBytes) return `Source is larger than ${q.maxSourceBytes} bytes`;
  if (usage.cpuSecondsToday >= q.cpuSecondsPerDay) return `Daily CPU time used up (${q.cpuSecondsPerDay} s); resets at midnight UTC`;
  if (action === "run") {
    if (usage.runsThisMinute >= q.runsPerMinute) return `Run limit reached (${q.runsPerMinute} per minute); more at ${clock(usage.minuteResetsAt)}`;
    // A new Run in the IDE replaces the user's current one, so that one does not count then.
    if (usage.concurrentRuns - (replacingRun ? 1 : 0) >= q.concurrentRuns) return `${q.concurrentRuns} run(s) already going`;
  } else {
    if (usage.submissionsThisMinute >= q.submissionsPerMinute) return `Submission limit reached (${q.submissionsPerMinute} per minute); more at ${clock(usage.minuteResetsAt)}`;
    if (usage.queuedSubmissions >= q.queuedSubmissions) return `${q.queuedSubmissions} submissions already waiting for a verdict`;
  }
  return null;
}

/** The signed-in user's usage, refreshed periodically and whenever USAGE_CHANGED_EVENT fires. */
export function useUsage(): Usage | null {
  const [usage, setUsage] = useState<Usage | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () => {
      fetch("/api/usage", { cache: "no-store" })
        .then((response) => (response.ok ? (response.json() as Promise<Usage>) : null))
        .then((next) => {
          if (alive && next) setUsage(next);
        })
        .catch(() => {
          /* offline for a moment: keep the last numbers */
        });
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    window.addEventListener(USAGE_CHANGED_EVENT, load);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener(USAGE_CHANGED_EVENT, load);
    };
  }, []);
  // Refresh right when the minute's counters reset, so a disabled Run comes back on time.
  useEffect(() => {
    if (!usage) return;
    const wait = Date.parse(usage.minuteResetsAt) - Date.now() + 250;
    if (wait <= 0 || wait > 61_000) return;
    const timer = setTimeout(() => announceUsageChanged(), wait);
    return () => clearTimeout(timer);
  }, [usage]);
  return usage;
}

function Gauge({ label, used, max, title }: { label: string; used: number; max: number; title: string }) {
  const ratio = max > 0 ? Math.min(1, used / max) : 1;
  const colour = ratio >= 1 ? "bg-red-500" : ratio >= 0.8 ? "bg-amber-500" : "bg-emerald-500";
  return (
    <span className="flex items-center gap-1.5" title={title}>
      <span className="text-muted">{label}</span>
      <span className="relative h-1.5 w-12 overflow-hidden rounded bg-border" aria-hidden>
        <span className={`absolute inset-y-0 left-0 ${colour}`} style={{ width: `${ratio * 100}%` }} />
      </span>
      <span className="tabular-nums">
        {used}/{max}
      </span>
    </span>
  );
}

/** A compact usage meter for the IDE toolbar. */
export function UsageMeter({ usage }: { usage: Usage | null }) {
  if (!usage) return null;
  const q = usage.quota;
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs" data-testid="usage-meter" aria-label="Usage">
      <Gauge label="Runs/min" used={usage.runsThisMinute} max={q.runsPerMinute} title="Runs started this minute" />
      <Gauge label="CPU s today" used={usage.cpuSecondsToday} max={q.cpuSecondsPerDay} title="Sandbox CPU seconds used today (UTC), compiles included" />
      <Gauge label="Waiting" used={usage.queuedSubmissions} max={q.queuedSubmissions} title="Submissions waiting for a verdict" />
    </div>
  );
}
