"use client";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { useState } from "react";

type Outcome = { text: string; summary?: string } | null;

async function requestRejudge(body: object): Promise<Outcome> {
  const res = await fetch("/api/submissions/rejudge", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const out = (await res.json().catch(() => ({}))) as { count?: number; error?: string; summary?: string };
  return res.ok ? { text: `${out.count ?? 0} queued`, summary: out.summary } : { text: out.error ?? "failed" };
}

function OutcomeNote({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return (
    <span className="text-xs text-muted">
      {outcome.text}
      {outcome.summary && (
        <>
          {" · "}
          <Link href={outcome.summary} className="text-accent hover:underline" data-testid="rejudge-summary-link">
            before/after
          </Link>
        </>
      )}
    </span>
  );
}

/** Instructors: rejudge one submission (`submissionId`) or a whole problem (`problem`). */
export function RejudgeButton({ body, label }: { body: { submissionId: string } | { problem: string; since?: string }; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className="rounded-md border border-border px-3 py-1 text-sm hover:bg-code disabled:opacity-50"
        disabled={busy}
        data-testid="rejudge-button"
        onClick={async () => {
          if ("problem" in body && !window.confirm("Rejudge every submission of this problem?")) return;
          setBusy(true);
          setOutcome(await requestRejudge(body));
          setBusy(false);
          router.refresh();
        }}
      >
        {label}
      </button>
      <OutcomeNote outcome={outcome} />
    </span>
  );
}

/** Instructors: rejudge every submission since a date (of one problem, or of all they teach). */
export function RejudgeSince({ problem }: { problem?: string }) {
  const router = useRouter();
  const [since, setSince] = useState("");
  const [outcome, setOutcome] = useState<Outcome>(null);
  return (
    <form
      className="inline-flex items-center gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const date = new Date(since);
        if (Number.isNaN(date.getTime())) return setOutcome({ text: "pick a date" });
        if (!window.confirm(`Rejudge every submission${problem ? " of this problem" : ""} since ${date.toLocaleString()}?`)) return;
        const body = problem ? { problem, since: date.toISOString() } : { since: date.toISOString() };
        setOutcome(await requestRejudge(body));
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
      <OutcomeNote outcome={outcome} />
    </form>
  );
}
