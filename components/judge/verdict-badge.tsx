import { VERDICT_TEXT, type SubmissionStatusCode, type TestStatusCode } from "@/lib/submissions/views";

const COLORS: Record<string, string> = {
  AC: "bg-green-600 text-white",
  WA: "bg-red-600 text-white",
  TLE: "bg-amber-500 text-black",
  MLE: "bg-amber-500 text-black",
  OLE: "bg-amber-500 text-black",
  RE: "bg-purple-600 text-white",
  CE: "bg-slate-500 text-white",
  SV: "bg-red-800 text-white",
  IE: "bg-slate-800 text-white",
  SKIPPED: "bg-code text-muted",
  pending: "bg-code text-muted",
};

export function VerdictBadge({ verdict, status, testId }: { verdict: TestStatusCode | null; status?: SubmissionStatusCode; testId?: string }) {
  const key = verdict ?? "pending";
  const text = verdict ? verdict : status === "queued" ? "Queued" : status === "compiling" ? "Compiling" : status === "running" ? "Running" : "…";
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${COLORS[key] ?? COLORS.pending}`}
      title={verdict ? VERDICT_TEXT[verdict] : undefined}
      data-testid={testId}
      data-verdict={verdict ?? ""}
    >
      {text}
    </span>
  );
}
