import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";

export const metadata: Metadata = { title: "Problem history" };
export const dynamic = "force-dynamic";

/** Who changed what and when: every change to a problem, its tests, limits or checker. */
export default async function ProblemHistoryPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireRole("instructor", "admin");
  const { slug } = await params;
  const problem = await prisma.problem.findUnique({ where: { slug }, select: { id: true, title: true } });
  if (!problem) notFound();
  const events = await prisma.auditEvent.findMany({
    where: { targetType: "problem", targetId: problem.id },
    orderBy: { createdAt: "desc" },
    take: 500,
    include: { actor: { select: { name: true, email: true } } },
  });
  return (
    <div>
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">History of “{problem.title}”</h1>
        <Link href={`/instructor/problems/${slug}/edit`} className="text-sm text-accent hover:underline">
          ← Problem
        </Link>
      </div>
      <div className="mt-4 overflow-hidden rounded-lg border border-border bg-card">
        <table className="w-full text-left text-sm" data-testid="history">
          <thead className="border-b border-border text-muted">
            <tr>
              <th className="px-4 py-2 font-medium">When (UTC)</th>
              <th className="px-4 py-2 font-medium">Who</th>
              <th className="px-4 py-2 font-medium">What</th>
              <th className="px-4 py-2 font-medium">Details</th>
            </tr>
          </thead>
          <tbody>
            {events.length === 0 && (
              <tr>
                <td colSpan={4} className="px-4 py-3 text-muted">No recorded changes.</td>
              </tr>
            )}
            {events.map((e) => (
              <tr key={e.id} className="border-b border-border last:border-0">
                <td className="px-4 py-2 whitespace-nowrap tabular-nums">{e.createdAt.toISOString().slice(0, 19).replace("T", " ")}</td>
                <td className="px-4 py-2">{e.actor?.email ?? "—"}</td>
                <td className="px-4 py-2">{e.action.replace(/^problem\./, "")}</td>
                <td className="px-4 py-2 font-mono text-xs text-muted">{e.data ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
