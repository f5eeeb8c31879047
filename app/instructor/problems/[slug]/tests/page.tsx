import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GenerateOutputsForm, ReferenceSolutionForm, TestForm, UploadTestsForm } from "@/components/authoring/test-forms";
import { LANGUAGES, LANGUAGE_IDS } from "@/sandbox/languages";
import { requireRole } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { changeTest, deleteReferenceSolution } from "../../actions";

export const metadata: Metadata = { title: "Tests" };
export const dynamic = "force-dynamic";

const PREVIEW_LINES = 4;
const PREVIEW_CHARS = 300;
/** Tests larger than this are not put into the edit form (the page would get too heavy). */
const EDITABLE_BYTES = 256 * 1024;

function size(text: string): string {
  const bytes = Buffer.byteLength(text);
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function preview(text: string): string {
  const lines = text.slice(0, PREVIEW_CHARS).split("\n").slice(0, PREVIEW_LINES);
  const more = text.length > PREVIEW_CHARS || text.split("\n", PREVIEW_LINES + 1).length > PREVIEW_LINES;
  return lines.join("\n") + (more ? "\n…" : "");
}

export default async function TestsPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireRole("instructor", "admin");
  const { slug } = await params;
  const problem = await prisma.problem.findUnique({ where: { slug }, select: { id: true, title: true, slug: true } });
  if (!problem) notFound();
  const tests = await prisma.testCase.findMany({ where: { problemId: problem.id }, orderBy: { ordinal: "asc" } });
  const references = await prisma.referenceSolution.findMany({ where: { problemId: problem.id }, orderBy: { name: "asc" }, select: { name: true, expectedVerdict: true, language: true } });
  const languages = LANGUAGE_IDS.map((id) => ({ id, name: LANGUAGES[id].name }));
  return (
    <div>
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Tests of “{problem.title}”</h1>
        <Link href={`/instructor/problems/${slug}/edit`} className="text-sm text-accent hover:underline">
          ← Problem
        </Link>
      </div>
      <p className="mt-1 text-sm text-muted">
        {tests.length} test(s): {tests.filter((t) => t.kind === "sample").length} sample, {tests.filter((t) => t.kind === "hidden").length} hidden. Tests run in this order.
      </p>

      <ol className="mt-4 space-y-3" data-testid="tests">
        {tests.map((t, i) => (
          <li key={t.id} className="rounded-lg border border-border bg-card p-3" data-kind={t.kind}>
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <span className="font-medium">#{t.ordinal}</span>
              <span className="rounded bg-code px-1 text-xs">{t.kind}</span>
              {t.groupName && <span className="text-xs text-muted">group {t.groupName}</span>}
              {t.points > 0 && <span className="text-xs text-muted">{t.points} pts</span>}
              <span className="text-xs text-muted">
                input {size(t.input)} · answer {size(t.expectedOutput)}
              </span>
              <span className="ml-auto flex gap-2">
                {(["up", "down", "delete"] as const).map((op) => (
                  <form key={op} action={changeTest}>
                    <input type="hidden" name="slug" value={slug} />
                    <input type="hidden" name="testId" value={t.id} />
                    <input type="hidden" name="op" value={op} />
                    <button
                      className={op === "delete" ? "text-red-600 hover:underline" : "hover:underline disabled:opacity-30"}
                      disabled={(op === "up" && i === 0) || (op === "down" && i === tests.length - 1)}
                      aria-label={`${op} test ${t.ordinal}`}
                    >
                      {op === "up" ? "↑" : op === "down" ? "↓" : "delete"}
                    </button>
                  </form>
                ))}
              </span>
            </div>
            <div className="mt-2 grid gap-2 md:grid-cols-2">
              <pre className="overflow-hidden rounded bg-code p-2 text-xs">{preview(t.input)}</pre>
              <pre className="overflow-hidden rounded bg-code p-2 text-xs">{preview(t.expectedOutput)}</pre>
            </div>
            {Buffer.byteLength(t.input) + Buffer.byteLength(t.expectedOutput) <= EDITABLE_BYTES ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-accent">Edit</summary>
                <div className="mt-2">
                  <TestForm slug={slug} submitLabel="Save test" values={{ id: t.id, kind: t.kind, groupName: t.groupName, points: t.points, input: t.input, expectedOutput: t.expectedOutput }} />
                </div>
              </details>
            ) : (
              <p className="mt-2 text-xs text-muted">Too large to edit here; replace it with a zip upload.</p>
            )}
          </li>
        ))}
      </ol>

      <h2 className="mt-8 text-lg font-semibold">Add a test</h2>
      <div className="mt-2 rounded-lg border border-border bg-card p-4">
        <TestForm slug={slug} submitLabel="Add test" values={{ kind: "hidden", groupName: "", points: 0, input: "", expectedOutput: "" }} />
      </div>

      <h2 className="mt-8 text-lg font-semibold">Upload tests</h2>
      <div className="mt-2 rounded-lg border border-border bg-card p-4">
        <UploadTestsForm slug={slug} />
      </div>

      <h2 className="mt-8 text-lg font-semibold">Generate expected outputs</h2>
      <p className="mt-1 text-sm text-muted">Runs a reference solution on every input in the sandbox, with this problem&apos;s limits; nothing changes unless every run succeeds.</p>
      <div className="mt-2 rounded-lg border border-border bg-card p-4">
        <GenerateOutputsForm slug={slug} languages={languages} />
      </div>

      <h2 className="mt-8 text-lg font-semibold">Reference solutions</h2>
      <p className="mt-1 text-sm text-muted">
        Keep correct and deliberately wrong solutions with the problem;{" "}
        <Link href={`/instructor/import/${slug}/verify`} className="text-accent hover:underline">
          Verify
        </Link>{" "}
        runs them all and shows whether each gets its verdict.
      </p>
      <ul className="mt-2 space-y-1 text-sm" data-testid="references">
        {references.map((r) => (
          <li key={r.name} className="flex items-center gap-3">
            <code>{r.name}</code>
            <span className="text-muted">
              {r.language} · must get {r.expectedVerdict.replace(/_/g, " ")}
            </span>
            <form action={deleteReferenceSolution}>
              <input type="hidden" name="slug" value={slug} />
              <input type="hidden" name="name" value={r.name} />
              <button className="text-red-600 hover:underline">delete</button>
            </form>
          </li>
        ))}
      </ul>
      <div className="mt-2 rounded-lg border border-border bg-card p-4">
        <ReferenceSolutionForm slug={slug} languages={languages} />
      </div>
    </div>
  );
}
