"use client";
import { useMemo, useState } from "react";
import type { ProgressRow } from "@/lib/courses/progress";

// The pure progress module (no server code) defines the rows; the table only shows them.
type TableRow = ProgressRow;

const VERDICT_SHORT: Record<string, string> = {
  accepted: "AC",
  wrong_answer: "WA",
  time_limit_exceeded: "TLE",
  memory_limit_exceeded: "MLE",
  runtime_error: "RE",
  compile_error: "CE",
  output_limit_exceeded: "OLE",
  judge_error: "IE",
  security_violation: "SV",
};

type SortKey = { kind: "name" } | { kind: "total" } | { kind: "problem"; id: string };

/** Students × problems, sortable by clicking a column header. */
export function ProgressTable({ problems, rows }: { problems: { id: string; slug: string; title: string }[]; rows: TableRow[] }) {
  const [sort, setSort] = useState<SortKey>({ kind: "name" });
  const [descending, setDescending] = useState(false);
  const sorted = useMemo(() => {
    const value = (r: TableRow): string | number =>
      sort.kind === "name" ? r.student.name.toLowerCase() : sort.kind === "total" ? r.total : (r.cells[sort.id]?.score ?? -1);
    const out = [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return x < y ? -1 : x > y ? 1 : a.student.name.localeCompare(b.student.name);
    });
    return descending ? out.reverse() : out;
  }, [rows, sort, descending]);
  const header = (key: SortKey, label: string, title?: string) => {
    const active = JSON.stringify(key) === JSON.stringify(sort);
    return (
      <th className="px-3 py-2 font-medium" title={title} aria-sort={active ? (descending ? "descending" : "ascending") : "none"}>
        <button
          className="hover:underline"
          onClick={() => {
            if (active) setDescending(!descending);
            else {
              setSort(key);
              setDescending(key.kind !== "name");
            }
          }}
        >
          {label}
          {active ? (descending ? " ▼" : " ▲") : ""}
        </button>
      </th>
    );
  };
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-card">
      <table className="w-full text-left text-sm" data-testid="progress-table">
        <thead className="border-b border-border text-muted">
          <tr>
            {header({ kind: "name" }, "Student")}
            {problems.map((p) => header({ kind: "problem", id: p.id }, p.slug, p.title))}
            {header({ kind: "total" }, "Total")}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 && (
            <tr>
              <td colSpan={problems.length + 2} className="px-3 py-3 text-muted">
                No students yet.
              </td>
            </tr>
          )}
          {sorted.map((r) => (
            <tr key={r.student.id} className="border-b border-border last:border-0" data-student={r.student.email}>
              <td className="px-3 py-2">
                {r.student.name} <span className="text-xs text-muted">{r.student.email}</span>
              </td>
              {problems.map((p) => {
                const c = r.cells[p.id]!;
                const tone = c.solved ? "text-emerald-600" : c.verdict ? "text-red-600" : "text-muted";
                return (
                  <td key={p.id} className={`px-3 py-2 tabular-nums ${tone}`} data-problem={p.slug}>
                    {c.verdict ? `${VERDICT_SHORT[c.verdict] ?? c.verdict}${c.score !== null && c.score > 0 && c.score < 1 ? ` ${Math.round(c.score * 100)}%` : ""}` : "—"}
                    <span className="ml-1 text-xs text-muted">({c.attempts})</span>
                    {c.late && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800" title={c.lateIgnored ? "Late submissions, not counted" : "Late submission counted"}>late</span>}
                  </td>
                );
              })}
              <td className="px-3 py-2 tabular-nums">
                {r.solved}/{problems.length}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
