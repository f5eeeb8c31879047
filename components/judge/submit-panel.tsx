"use client";
/**
 * The judge's part of the problem page: rendered in the IDE's submit slot, it makes Submit
 * (and Ctrl/Cmd+Shift+Enter) send the editor's code to POST /api/submissions, then shows the
 * submission's live result below the console.
 */
import Link from "next/link";
import { useCallback, useState } from "react";
import { useIdeSubmit } from "@/components/ide/ide-context";
import type { SubmissionView } from "@/lib/submissions/views";
import { SubmissionLive } from "./submission-live";

export function SubmitPanel({ problemSlug }: { problemSlug: string }) {
  const [current, setCurrent] = useState<SubmissionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = useCallback(
    async (language: string, source: string) => {
      setError(null);
      const res = await fetch("/api/submissions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ problem: problemSlug, language, source }),
      });
      const body = (await res.json().catch(() => ({}))) as { id?: string; error?: string; message?: string };
      if (!res.ok || !body.id) {
        setError(body.error ?? body.message ?? `Submit failed (${res.status})`);
        return;
      }
      const view = await fetch(`/api/submissions/${body.id}`).then((r) => (r.ok ? (r.json() as Promise<SubmissionView>) : null));
      if (view) setCurrent(view);
    },
    [problemSlug],
  );
  useIdeSubmit(submit);
  if (!current && !error) return null;
  return (
    <section className="mt-4 rounded-lg border border-border bg-card p-4" data-testid="submit-panel">
      {error && (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
      {current && (
        <>
          <div className="mb-3 flex items-center gap-3 text-sm">
            <span className="font-medium">Submission</span>
            <Link href={`/submissions/${current.id}`} className="text-accent hover:underline" data-testid="submission-link">
              open
            </Link>
            <Link href={`/submissions?problem=${encodeURIComponent(problemSlug)}`} className="text-muted hover:underline">
              all my submissions
            </Link>
          </div>
          <SubmissionLive key={current.id} initial={current} />
        </>
      )}
    </section>
  );
}
