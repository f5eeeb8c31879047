"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

/** Instructors: rejudge one submission (`submissionId`) or a whole problem (`problem`). */
export function RejudgeButton({ body, label }: { body: { submissionId: string } | { problem: string; since?: string }; label: string }) {
  const router = useRouter();
  const [state, setState] = useState<"idle" | "busy" | string>("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className="rounded-md border border-border px-3 py-1 text-sm hover:bg-code disabled:opacity-50"
        disabled={state === "busy"}
        data-testid="rejudge-button"
        onClick={async () => {
          if ("problem" in body && !window.confirm("Rejudge every submission of this problem?")) return;
          setState("busy");
          const res = await fetch("/api/submissions/rejudge", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
          const out = (await res.json().catch(() => ({}))) as { count?: number; error?: string };
          setState(res.ok ? `${out.count ?? 0} queued` : (out.error ?? "failed"));
          router.refresh();
        }}
      >
        {label}
      </button>
      {state !== "idle" && state !== "busy" && <span className="text-xs text-muted">{state}</span>}
    </span>
  );
}

/** Instructors: rejudge every submission since a date (of one problem, or of all they teach). */
export function RejudgeSince({ problem }: { problem?: string }) {
  const router = useRouter();
  const [since, setSince] = useState("");
  const [state, setState] = useState("");
  return (
    <form
      className="inline-flex items-center gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const date = new Date(since);
        if (Number.isNaN(date.getTime())) return setState("pick a date");
        if (!window.confirm(`Rejudge every submission${problem ? " of this problem" : ""} since ${date.toLocaleString()}?`)) return;
        const body = problem ? { problem, since: date.toISOString() } : { since: date.toISOString() };
        const res = await fetch("/api/submissions/rejudge", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        const out = (await res.json().catch(() => ({}))) as { count?: number; error?: string };
        setState(res.ok ? `${out.count ?? 0} queued` : (out.error ?? "failed"));
        router.refresh();
      }}
    >
      <input
        type="datetime-local"
        value={since}
        onChange={(e) => setSince(e.target.value)}
        className="rounded-md border border-border bg-card px-2 py-1 text-sm"
        aria-label="Rejudge since"
        data-testid="rejudge-since"
      />
      <button type="submit" className="rounded-md border border-border px-3 py-1 text-sm hover:bg-code">
        Rejudge since
      </button>
      {state && <span className="text-xs text-muted">{state}</span>}
    </form>
  );
}
