import type { Metadata } from "next";
import Link from "next/link";
import { RejudgeButton, RejudgeSince } from "@/components/judge/rejudge-button";
import { VerdictBadge } from "@/components/judge/verdict-badge";
import { requireUser } from "@/lib/auth/guards";
import { listSubmissions } from "@/lib/submissions/service";

export const metadata: Metadata = { title: "Submissions" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ problem?: string; all?: string; user?: string }> };

function mem(kb: number | null) {
  return kb === null ? "—" : kb >= 10240 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`;
}

export default async function SubmissionsPage({ searchParams }: Props) {
  const user = await requireUser();
  const { problem: problemSlug, all, user: userId } = await searchParams;
  const { items, problem } = await listSubmissions(user, { problemSlug, all: all === "1", userId });
  const everyone = (all === "1" || !!userId) && (problem ? problem.instructor : user.role === "admin");
  return (
    <div>
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">
          {everyone ? "All submissions" : "My submissions"}
          {problem && (
            <>
              {" "}
              · <Link href={`/problems/${problem.slug}`} className="text-accent hover:underline">{problem.title}</Link>
            </>
          )}
        </h1>
        {problem?.instructor && (
          <div className="ml-auto flex items-center gap-3 text-sm">
            <Link href={`/submissions?problem=${problem.slug}${everyone ? "" : "&all=1"}`} className="text-accent hover:underline">
              {everyone ? "only mine" : "everyone's"}
            </Link>
            <RejudgeButton body={{ problem: problem.slug }} label="Rejudge problem" />
            <RejudgeSince problem={problem.slug} />
          </div>
        )}
        {!problemSlug && (user.role === "instructor" || user.role === "admin") && (
          <div className="ml-auto text-sm">
            <RejudgeSince />
          </div>
        )}
        {problemSlug && (
          <Link href="/submissions" className="text-sm text-muted hover:underline">
            all problems
          </Link>
        )}
      </div>
      {items.length === 0 ? (
        <p className="mt-4 text-muted">No submissions yet.</p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-border bg-card">
          <table className="w-full text-left text-sm" data-testid="submissions-table">
            <thead className="border-b border-border text-muted">
              <tr>
                <th className="px-3 py-2 font-medium">When</th>
                {everyone && <th className="px-3 py-2 font-medium">User</th>}
                <th className="px-3 py-2 font-medium">Problem</th>
                <th className="px-3 py-2 font-medium">Language</th>
                <th className="px-3 py-2 font-medium">Verdict</th>
                <th className="px-3 py-2 font-medium">Score</th>
                <th className="px-3 py-2 font-medium">Time</th>
                <th className="px-3 py-2 font-medium">Memory</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id} className="border-b border-border last:border-0 hover:bg-code/60">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <Link href={`/submissions/${s.id}`} className="text-accent hover:underline">
                      {s.createdAt.slice(0, 19).replace("T", " ")}
                    </Link>
                  </td>
                  {everyone && (
                    <td className="px-3 py-2">
                      <Link href={`/submissions?${problemSlug ? `problem=${encodeURIComponent(problemSlug)}&` : ""}user=${encodeURIComponent(s.userId)}`} className="hover:underline">
                        {s.userName}
                      </Link>
                    </td>
                  )}
                  <td className="px-3 py-2">
                    <Link href={`/submissions?problem=${s.problemSlug}`} className="hover:underline">
                      {s.problemTitle}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{s.language}</td>
                  <td className="px-3 py-2">
                    <VerdictBadge verdict={s.verdict} status={s.status as "queued"} />
                    {s.status !== "done" && <span className="ml-2 text-xs text-muted tabular-nums">{s.testsDone}/{s.testsTotal}</span>}
                  </td>
                  <td className="px-3 py-2 tabular-nums">{s.score !== null && s.maxScore !== null ? `${s.score} / ${s.maxScore}` : "—"}</td>
                  <td className="px-3 py-2 tabular-nums">{s.cpuMs === null ? "—" : `${s.cpuMs} ms`}</td>
                  <td className="px-3 py-2 tabular-nums">{mem(s.memoryKb)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
