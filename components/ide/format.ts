import type { RunExitResult } from "@/lib/runs/protocol";

export const STATUS_TEXT: Record<RunExitResult["status"], string> = {
  OK: "Finished",
  CE: "Compilation error",
  RE: "Runtime error",
  TLE: "Time limit exceeded",
  MLE: "Memory limit exceeded",
  OLE: "Output limit exceeded",
  SV: "Security violation",
  IE: "Internal error",
  STOPPED: "Stopped",
};

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatKb(kb: number): string {
  return kb < 1024 ? `${kb} KB` : `${(kb / 1024).toFixed(1)} MB`;
}

/** One line: status, exit code, CPU, wall and peak memory. */
export function summarizeExit(r: RunExitResult): string {
  const parts = [r.status === "OK" || r.status === "STOPPED" ? STATUS_TEXT[r.status] : `${r.status} (${STATUS_TEXT[r.status]})`];
  if (r.status === "OK") parts[0] = "OK";
  if (r.exitCode !== null) parts.push(`exit code ${r.exitCode}`);
  if (r.signal !== null && r.status !== "STOPPED") parts.push(`signal ${r.signal}`);
  parts.push(`CPU ${formatMs(r.cpuMs)}`, `wall ${formatMs(r.wallMs)}`, `memory ${formatKb(r.memoryKb)}`);
  return parts.join(" · ");
}
