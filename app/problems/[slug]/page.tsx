import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DifficultyBadge } from "@/components/difficulty-badge";
import { Ide } from "@/components/ide/ide";
import { IdeWorkspace } from "@/components/ide/workspace";
import { isRunLanguage, offeredLanguages } from "@/components/ide/languages";
import { Split } from "@/components/ide/split";
import { SubmitPanel } from "@/components/judge/submit-panel";
import { requireUser } from "@/lib/auth/guards";
import { loadDrafts } from "@/lib/drafts";
import { renderMarkdown } from "@/lib/markdown";
import { getProblemForUser } from "@/lib/problems";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: slug };
}

const checkerText: Record<string, string> = {
  exact: "exact match",
  tokens: "token match",
  float: "floating-point comparison",
  custom: "custom checker",
};

function floatTolerance(abs: number | null, rel: number | null): string {
  const parts = [abs != null && `absolute error ≤ ${abs}`, rel != null && `relative error ≤ ${rel}`].filter(Boolean);
  return parts.length ? ` (${parts.join(" or ")})` : "";
}

export default async function ProblemPage({ params }: Props) {
  const user = await requireUser();
  const { slug } = await params;
  const problem = await getProblemForUser(slug, user);
  if (!problem) notFound();
  const html = renderMarkdown(problem.statement);
  const drafts = await loadDrafts(user.id, problem.id);
  const starterCode = Object.fromEntries(Object.entries(problem.starterCode).filter(([lang]) => isRunLanguage(lang)));
  const statement = (
    <article className="h-full overflow-y-auto px-3 pt-1 pb-8" data-testid="statement">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{problem.title}</h1>
        <DifficultyBadge difficulty={problem.difficulty} />
        {problem.visibility !== "published" && (
          <span className="rounded-full bg-code px-2 py-0.5 text-xs font-medium">draft</span>
        )}
      </div>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-muted">
        <div>
          <dt className="inline">Time limit: </dt>
          <dd className="inline tabular-nums">{(problem.timeLimitMs / 1000).toFixed(1)} s</dd>
        </div>
        <div>
          <dt className="inline">Memory limit: </dt>
          <dd className="inline tabular-nums">{problem.memoryLimitMb} MB</dd>
        </div>
        <div>
          <dt className="inline">Checking: </dt>
          <dd className="inline">
            {checkerText[problem.checker]}
            {problem.checker === "float" && floatTolerance(problem.floatAbsTol, problem.floatRelTol)}
          </dd>
        </div>
      </dl>
      <div className="prose-statement mt-6" dangerouslySetInnerHTML={{ __html: html }} />
      {problem.samples.length > 0 && (
        <section className="mt-8">
          <h2 className="text-xl font-semibold">Examples</h2>
          <div className="mt-3 space-y-4">
            {problem.samples.map((s, i) => (
              <div key={s.ordinal} className="grid gap-3 md:grid-cols-2" data-testid="sample">
                <div>
                  <h3 className="mb-1 text-sm font-medium text-muted">Sample input {i + 1}</h3>
                  <pre className="overflow-x-auto rounded-md border border-border bg-code p-3 font-mono text-sm">{s.input}</pre>
                </div>
                <div>
                  <h3 className="mb-1 text-sm font-medium text-muted">Sample output {i + 1}</h3>
                  <pre className="overflow-x-auto rounded-md border border-border bg-code p-3 font-mono text-sm">
                    {s.expectedOutput}
                  </pre>
                </div>
              </div>
            ))}
          </div>
        </section>
      )}
    </article>
  );
  return (
    <IdeWorkspace>
      <Split
        direction="horizontal"
        initial={0.42}
        min={0.2}
        storageKey="arbiter.split.problem"
        label="Resize statement and editor"
        className="h-full"
        first={statement}
        second={
          <div className="h-full pl-3">
            {/* The judge wires submitting here: onSubmit / submitPanel (see components/ide/ide.tsx). */}
            <Ide
              problemSlug={problem.slug}
              languages={offeredLanguages(problem.allowedLanguages)}
              starterCode={starterCode}
              initialDrafts={drafts}
              submitPanel={<SubmitPanel problemSlug={problem.slug} />}
            />
          </div>
        }
      />
    </IdeWorkspace>
  );
}
