"use client";
/**
 * A submission's live result: verdict, score, progress and the per-test table, filled in as
 * each test finishes; failed SAMPLE tests show input and expected vs actual output.
 */
import dynamic from "next/dynamic";
import { VERDICT_TEXT, type SubmissionView, type TestView } from "@/lib/submissions/views";
import { useSubmission } from "./use-submission";
import { VerdictBadge } from "./verdict-badge";

const OutputDiff = dynamic(() => import("./diff-view").then((m) => m.OutputDiff), {
  ssr: false,
  loading: () => <p className="text-sm text-muted">Loading diff…</p>,
});

function ms(v: number | null) {
  return v === null ? "—" : `${v} ms`;
}
function mem(kb: number | null) {
  return kb === null ? "—" : kb >= 10240 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`;
}

function phaseText(v: SubmissionView): string {
  if (v.status === "queued") return "Waiting in the queue";
  if (v.status === "compiling") return "Compiling";
  if (v.status === "running") return `Running test ${Math.min(v.testsDone + 1, v.testsTotal)} of ${v.testsTotal}`;
  return v.verdict ? VERDICT_TEXT[v.verdict] : "Finished";
}

function runNote(t: TestView): string {
  if (t.status === "RE") return t.signal !== null ? `signal ${t.signal}` : t.exitCode !== null ? `exit code ${t.exitCode}` : "";
  return t.checkerMessage ?? "";
}

export function SubmissionLive({ initial }: { initial: SubmissionView }) {
  const { view } = useSubmission(initial);
  const rows: (TestView | { ordinal: number; pending: true })[] = [];
  const byOrdinal = new Map(view.tests.map((t) => [t.ordinal, t]));
  const total = Math.max(view.testsTotal, view.tests.length);
  if (view.verdict !== "CE") for (let i = 1; i <= total; i++) rows.push(byOrdinal.get(i) ?? { ordinal: i, pending: true });
  const failedSamples = view.tests.filter((t) => t.detail);
  return (
    <div data-testid="submission-live" data-status={view.status}>
      <div className="flex flex-wrap items-center gap-3">
        <VerdictBadge verdict={view.verdict} status={view.status} testId="submission-verdict" />
        <span className="text-sm" data-testid="submission-phase">
          {phaseText(view)}
        </span>
        {view.score !== null && view.maxScore !== null && view.problem.scoring === "subtasks" && (
          <span className="text-sm tabular-nums" data-testid="submission-score">
            Score {view.score} / {view.maxScore}
          </span>
        )}
        <span className="ml-auto text-sm tabular-nums text-muted" data-testid="submission-progress">
          {view.testsDone} / {view.testsTotal} tests
        </span>
      </div>
      {view.status !== "done" && view.testsTotal > 0 && (
        <div className="mt-2 h-1.5 overflow-hidden rounded bg-code">
          <div className="h-full bg-accent transition-all" style={{ width: `${(100 * view.testsDone) / view.testsTotal}%` }} />
        </div>
      )}
      {view.compileMessage && (
        <details className="mt-4" open={view.verdict === "CE"}>
          <summary className="cursor-pointer text-sm font-medium">Compiler output</summary>
          <pre className="mt-2 max-h-80 overflow-auto rounded-md border border-border bg-code p-3 font-mono text-xs" data-testid="compile-message">
            {view.compileMessage}
          </pre>
        </details>
      )}
      {view.judgeMessage && <p className="mt-3 text-sm text-red-600">Judge: {view.judgeMessage}</p>}
      {rows.length > 0 && (
        <div className="mt-4 overflow-hidden rounded-lg border border-border bg-card">
          <table className="w-full text-left text-sm" data-testid="tests-table">
            <thead className="border-b border-border text-muted">
              <tr>
                <th className="px-3 py-2 font-medium">Test</th>
                <th className="px-3 py-2 font-medium">Result</th>
                <th className="px-3 py-2 font-medium">CPU</th>
                <th className="px-3 py-2 font-medium">Wall</th>
                <th className="px-3 py-2 font-medium">Memory</th>
                <th className="px-3 py-2 font-medium">Message</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) =>
                "pending" in t ? (
                  <tr key={t.ordinal} className="border-b border-border last:border-0 text-muted" data-testid="test-row" data-status="pending">
                    <td className="px-3 py-1.5 tabular-nums">{t.ordinal}</td>
                    <td className="px-3 py-1.5">…</td>
                    <td colSpan={4} />
                  </tr>
                ) : (
                  <tr key={t.ordinal} className="border-b border-border last:border-0" data-testid="test-row" data-status={t.status}>
                    <td className="px-3 py-1.5 tabular-nums">
                      {t.ordinal}
                      {t.sample && <span className="ml-1 text-xs text-muted">sample</span>}
                      {t.group && <span className="ml-1 text-xs text-muted">[{t.group}]</span>}
                    </td>
                    <td className="px-3 py-1.5">
                      <VerdictBadge verdict={t.status} />
                    </td>
                    <td className="px-3 py-1.5 tabular-nums">{ms(t.cpuMs)}</td>
                    <td className="px-3 py-1.5 tabular-nums">{ms(t.wallMs)}</td>
                    <td className="px-3 py-1.5 tabular-nums">{mem(t.memoryKb)}</td>
                    <td className="max-w-xs truncate px-3 py-1.5 font-mono text-xs" title={runNote(t)}>
                      {runNote(t)}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      {failedSamples.map((t) => (
        <section key={t.ordinal} className="mt-6" data-testid="sample-failure">
          <h3 className="text-sm font-semibold">
            Sample test {t.ordinal}: {VERDICT_TEXT[t.status]}
          </h3>
          <h4 className="mt-2 text-xs font-medium text-muted">Input</h4>
          <pre className="mt-1 max-h-48 overflow-auto rounded-md border border-border bg-code p-2 font-mono text-xs" data-testid="sample-input">
            {t.detail!.input}
          </pre>
          <h4 className="mt-2 text-xs font-medium text-muted">Expected output (left) and your output (right)</h4>
          <div className="mt-1">
            <OutputDiff expected={t.detail!.expected} actual={t.detail!.output} />
          </div>
        </section>
      ))}
    </div>
  );
}
