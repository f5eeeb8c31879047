import type { Metadata } from "next";
import Link from "next/link";
import { DifficultyBadge } from "@/components/difficulty-badge";
import { requireUser } from "@/lib/auth/guards";
import { listPublishedProblems } from "@/lib/problems";

export const metadata: Metadata = { title: "Problems" };

export default async function ProblemsPage() {
  await requireUser();
  const problems = await listPublishedProblems();
  return (
    <div>
      <h1 className="text-2xl font-semibold">Problems</h1>
      {problems.length === 0 ? (
        <p className="mt-4 text-muted">No problems have been published yet.</p>
      ) : (
        <div className="mt-6 overflow-hidden rounded-lg border border-border bg-card">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-border text-muted">
              <tr>
                <th className="px-4 py-2 font-medium">Problem</th>
                <th className="px-4 py-2 font-medium">Difficulty</th>
                <th className="px-4 py-2 font-medium">Time limit</th>
                <th className="px-4 py-2 font-medium">Memory limit</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={p.slug} className="border-b border-border last:border-0 hover:bg-code/60">
                  <td className="px-4 py-2">
                    <Link href={`/problems/${p.slug}`} className="font-medium text-accent hover:underline">
                      {p.title}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <DifficultyBadge difficulty={p.difficulty} />
                  </td>
                  <td className="px-4 py-2 tabular-nums">{(p.timeLimitMs / 1000).toFixed(1)} s</td>
                  <td className="px-4 py-2 tabular-nums">{p.memoryLimitMb} MB</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
