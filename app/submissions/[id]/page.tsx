import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RejudgeButton } from "@/components/judge/rejudge-button";
import { SubmissionLive } from "@/components/judge/submission-live";
import { requireUser } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { isProblemInstructor } from "@/lib/submissions/access";
import { getSubmissionSource, getSubmissionView } from "@/lib/submissions/service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Submission" };

type Props = { params: Promise<{ id: string }> };

export default async function SubmissionPage({ params }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const view = await getSubmissionView(user, id);
  if (!view) notFound();
  const source = (await getSubmissionSource(user, id)) ?? "";
  const problem = await prisma.problem.findUnique({ where: { id: view.problem.id }, select: { authorId: true } });
  const instructor = !!problem && isProblemInstructor(user, problem);
  return (
    <div>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          Submission to{" "}
          <Link href={`/problems/${view.problem.slug}`} className="text-accent hover:underline">
            {view.problem.title}
          </Link>
        </h1>
        {instructor && (
          <span className="ml-auto">
            <RejudgeButton body={{ submissionId: view.id }} label="Rejudge" />
          </span>
        )}
      </div>
      <p className="mt-1 text-sm text-muted">
        {view.userName} · {view.language} · {view.createdAt.slice(0, 19).replace("T", " ")} UTC ·{" "}
        <Link href={`/submissions?problem=${view.problem.slug}`} className="hover:underline">
          history
        </Link>
      </p>
      <div className="mt-6">
        <SubmissionLive key={view.id} initial={view} />
      </div>
      <details className="mt-8">
        <summary className="cursor-pointer text-sm font-medium">Code</summary>
        <pre className="mt-2 max-h-[32rem] overflow-auto rounded-md border border-border bg-code p-3 font-mono text-xs" data-testid="submission-source">
          {source}
        </pre>
      </details>
    </div>
  );
}
