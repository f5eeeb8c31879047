"use client";
import { useState } from "react";

type Solution = { name: string; expectedVerdict: string; language: string };
type Row = { name: string; language: string; expected: string; got: string; ok: boolean; passed: number; ran: number; cpuMs: number; message: string };
type Done = { ok: boolean; suggestedTimeLimitMs: number | null; maxAcceptedCpuMs: number | null; ms: number };

const FOLDER: Record<string, string> = { accepted: "AC", wrong_answer: "WA", time_limit_exceeded: "TLE", runtime_error: "RE" };

export function VerifyRunner({ slug, solutions }: { slug: string; solutions: Solution[] }) {
  const [running, setRunning] = useState(false);
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setRunning(true);
    setRows({});
    setDone(null);
    setError(null);
    try {
      const res = await fetch(`/instructor/import/${slug}/verify/run`, { method: "POST" });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        setError(body?.error ?? `the server answered ${res.status}`);
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += value;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) !== -1) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (!line) continue;
          const msg = JSON.parse(line) as { type: string; row?: Row; message?: string } & Partial<Done>;
          if (msg.type === "row" && msg.row) {
            const row = msg.row;
            setRows((r) => ({ ...r, [row.name]: row }));
          } else if (msg.type === "done") setDone(msg as unknown as Done);
          else if (msg.type === "error") setError(msg.message ?? "verify failed");
        }
      }
    } catch {
      setError("the connection was lost");
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="mt-6">
      <button type="button" onClick={run} disabled={running} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-50">
        {running ? "Verifying…" : "Run verify"}
      </button>
      <div className="mt-4 overflow-hidden rounded-lg border border-border bg-card">
        <table className="w-full text-left text-sm" data-testid="verify-table">
          <thead className="border-b border-border text-muted">
            <tr>
              <th className="px-4 py-2 font-medium">Submission</th>
              <th className="px-4 py-2 font-medium">Language</th>
              <th className="px-4 py-2 font-medium">Expected</th>
              <th className="px-4 py-2 font-medium">Got</th>
              <th className="px-4 py-2 font-medium">Tests</th>
              <th className="px-4 py-2 font-medium">CPU</th>
              <th className="px-4 py-2 font-medium">Result</th>
            </tr>
          </thead>
          <tbody>
            {solutions.map((s) => {
              const r = rows[s.name];
              return (
                <tr key={s.name} className="border-b border-border last:border-0" data-testid="verify-row" data-name={s.name}>
                  <td className="px-4 py-2 font-mono">{s.name}</td>
                  <td className="px-4 py-2">{s.language}</td>
                  <td className="px-4 py-2">{FOLDER[s.expectedVerdict] ?? s.expectedVerdict}</td>
                  <td className="px-4 py-2">{r ? r.got : running ? "…" : "—"}</td>
                  <td className="px-4 py-2 tabular-nums">{r ? `${r.passed}/${r.ran}` : ""}</td>
                  <td className="px-4 py-2 tabular-nums">{r ? `${r.cpuMs} ms` : ""}</td>
                  <td className="px-4 py-2" title={r?.message}>
                    {r ? (r.ok ? <span className="text-emerald-600 dark:text-emerald-400">ok</span> : <span className="text-red-600 dark:text-red-400">mismatch{r.message ? `: ${r.message}` : ""}</span>) : ""}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {done && (
        <p role="status" data-testid="verify-summary" className={`mt-3 ${done.ok ? "text-emerald-600 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`}>
          {done.ok ? "All submissions got the verdict of their folder." : "Some submissions did not get the verdict of their folder."} ({(done.ms / 1000).toFixed(1)} s)
          {done.suggestedTimeLimitMs !== null && (
            <span className="text-muted"> Slowest accepted: {done.maxAcceptedCpuMs} ms CPU; Kattis&apos; rule suggests a time limit of {done.suggestedTimeLimitMs / 1000} s.</span>
          )}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-3 text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
