"use client";
import Link from "next/link";
import { useState } from "react";

type Result =
  | { ok: true; slug: string; title: string; tests: number; submissions: number; replaced: boolean; warnings: string[] }
  | { ok: false; problems: string[]; warnings?: string[]; clash?: boolean };

export function ImportForm() {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setResult(null);
    try {
      const res = await fetch("/instructor/import/upload", { method: "POST", body: new FormData(event.currentTarget) });
      const body = (await res.json().catch(() => null)) as Result | null;
      setResult(body ?? { ok: false, problems: [`the server answered ${res.status}`] });
    } catch {
      setResult({ ok: false, problems: ["the upload failed (network error)"] });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-6 space-y-6">
      <form onSubmit={submit} className="space-y-3 rounded-lg border border-border bg-card p-4" aria-label="Import package">
        <label className="block">
          <span className="text-sm font-medium">Package (.zip)</span>
          <input name="file" type="file" accept=".zip,application/zip" required className="mt-1 block w-full text-sm" />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input name="replace" type="checkbox" /> Replace the problem with the same slug if it exists (keeps its submissions)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input name="publish" type="checkbox" /> Publish at once (otherwise it is imported as a draft)
        </label>
        <button type="submit" disabled={pending} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-50">
          {pending ? "Importing…" : "Import"}
        </button>
      </form>

      {result?.ok === true && (
        <div role="status" data-testid="import-success" className="rounded-lg border border-emerald-500/40 bg-card p-4">
          <p>
            {result.replaced ? "Replaced" : "Imported"}{" "}
            <Link href={`/problems/${result.slug}`} className="font-medium text-accent hover:underline">
              {result.title}
            </Link>{" "}
            ({result.slug}): {result.tests} tests, {result.submissions} reference submissions.
          </p>
          <p className="mt-2 flex gap-4 text-sm">
            {result.submissions > 0 && (
              <Link href={`/instructor/import/${result.slug}/verify`} className="text-accent hover:underline">
                Verify the submissions
              </Link>
            )}
            <a href={`/instructor/import/${result.slug}/export`} className="text-accent hover:underline">
              Export as a package
            </a>
          </p>
          {result.warnings.length > 0 && <Messages title="Warnings" items={result.warnings} testId="import-warnings" />}
        </div>
      )}
      {result?.ok === false && (
        <div role="alert" data-testid="import-errors" className="rounded-lg border border-red-500/40 bg-card p-4">
          <p className="font-medium text-red-600 dark:text-red-400">
            {result.clash ? "Not imported: the slug is taken." : `Not imported: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"} in the package. Nothing was saved.`}
          </p>
          <ul className="mt-2 list-disc space-y-1 pl-5 font-mono text-sm">
            {result.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
          {result.warnings && result.warnings.length > 0 && <Messages title="Warnings" items={result.warnings} testId="import-warnings" />}
        </div>
      )}
    </div>
  );
}

function Messages({ title, items, testId }: { title: string; items: string[]; testId: string }) {
  return (
    <details className="mt-3 text-sm" data-testid={testId}>
      <summary className="cursor-pointer text-muted">
        {title} ({items.length})
      </summary>
      <ul className="mt-1 list-disc space-y-1 pl-5 font-mono">
        {items.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
    </details>
  );
}
