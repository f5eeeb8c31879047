import type { Metadata } from "next";
import Link from "next/link";
import { DifficultyBadge } from "@/components/difficulty-badge";
import { requireRole } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";

export const metadata: Metadata = { title: "Instructor" };

export default async function InstructorPage() {
  await requireRole("instructor", "admin");
  const problems = await prisma.problem.findMany({
    orderBy: [{ visibility: "asc" }, { title: "asc" }],
    select: {
      slug: true,
      title: true,
      difficulty: true,
      visibility: true,
      checker: true,
      scoring: true,
      author: { select: { name: true } },
      _count: { select: { tests: true, submissions: true, referenceSolutions: true } },
    },
  });
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Instructor dashboard</h1>
        <div className="flex gap-2">
          <Link href="/instructor/problems/new" className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg hover:opacity-90">
            New problem
          </Link>
          <Link href="/instructor/import" className="rounded-md border border-border px-3 py-1.5 text-sm hover:bg-code">
            Import package
          </Link>
          <Link href="/courses" className="rounded-md border border-border px-3 py-1.5 text-sm hover:bg-code">
            Courses
          </Link>
        </div>
      </div>
      <p className="mt-1 text-muted">All problems, including drafts.</p>
      <div className="mt-6 overflow-hidden rounded-lg border border-border bg-card">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-border text-muted">
            <tr>
              <th className="px-4 py-2 font-medium">Problem</th>
              <th className="px-4 py-2 font-medium">Difficulty</th>
              <th className="px-4 py-2 font-medium">Status</th>
              <th className="px-4 py-2 font-medium">Checker</th>
              <th className="px-4 py-2 font-medium">Scoring</th>
              <th className="px-4 py-2 font-medium">Tests</th>
              <th className="px-4 py-2 font-medium">Submissions</th>
              <th className="px-4 py-2 font-medium">Author</th>
              <th className="px-4 py-2 font-medium">Package</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p) => (
              <tr key={p.slug} className="border-b border-border last:border-0">
                <td className="px-4 py-2">
                  <Link href={`/problems/${p.slug}`} className="font-medium text-accent hover:underline">
                    {p.title}
                  </Link>
                </td>
                <td className="px-4 py-2">
                  <DifficultyBadge difficulty={p.difficulty} />
                </td>
                <td className="px-4 py-2">{p.visibility}</td>
                <td className="px-4 py-2">{p.checker}</td>
                <td className="px-4 py-2">{p.scoring}</td>
                <td className="px-4 py-2 tabular-nums">{p._count.tests}</td>
                <td className="px-4 py-2 tabular-nums">{p._count.submissions}</td>
                <td className="px-4 py-2">{p.author?.name ?? "—"}</td>
                <td className="px-4 py-2 whitespace-nowrap">
                  <Link href={`/instructor/problems/${p.slug}/edit`} className="text-accent hover:underline">
                    Edit
                  </Link>{" "}
                  <Link href={`/instructor/problems/${p.slug}/tests`} className="text-accent hover:underline">
                    Tests
                  </Link>{" "}
                  {p._count.referenceSolutions > 0 && (
                    <Link href={`/instructor/import/${p.slug}/verify`} className="text-accent hover:underline">
                      Verify
                    </Link>
                  )}{" "}
                  <a href={`/instructor/import/${p.slug}/export`} className="text-accent hover:underline">
                    Export
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
