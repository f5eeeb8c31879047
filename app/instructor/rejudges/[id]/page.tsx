import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";

export const metadata: Metadata = { title: "Rejudge" };
export const dynamic = "force-dynamic";

const auditSchema = z.object({ count: z.number(), before: z.record(z.string(), z.string().nullable()).default({}) }).passthrough();

/** Before/after of a rejudge: how verdicts moved, and which submissions changed. */
export default async function RejudgeSummaryPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("instructor", "admin");
  const { id } = await params;
  const event = await prisma.auditEvent.findUnique({ where: { id } });
  if (!event || event.action !== "submission.rejudge" || (user.role !== "admin" && event.actorId !== user.id)) notFound();
  const parsed = auditSchema.safeParse(JSON.parse(event.data ?? "{}"));
  if (!parsed.success) notFound();
  const before = parsed.data.before;
  const now = await prisma.submission.findMany({
    where: { id: { in: Object.keys(before) } },
    select: { id: true, status: true, verdict: true, user: { select: { email: true } }, problem: { select: { slug: true } } },
  });
  const pending = now.filter((s) => s.status !== "done").length;
  const moves = new Map<string, number>();
  const changed: typeof now = [];
  for (const s of now) {
    if (s.status !== "done") continue;
    const key = `${before[s.id] ?? "none"} → ${s.verdict ?? "none"}`;
    moves.set(key, (moves.get(key) ?? 0) + 1);
    if ((before[s.id] ?? null) !== s.verdict) changed.push(s);
  }
  return (
    <div>
      <h1 className="text-2xl font-semibold">Rejudge of {event.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</h1>
      <p className="mt-1 text-muted" data-testid="rejudge-progress">
        {now.length - pending} of {now.length} rejudged{pending ? " (refresh to update)" : ""}; {changed.length} verdict(s) changed.
      </p>
      <table className="mt-4 text-sm" data-testid="rejudge-moves">
        <thead className="text-muted">
          <tr>
            <th className="pr-6 text-left font-medium">before → after</th>
            <th className="text-right font-medium">submissions</th>
          </tr>
        </thead>
        <tbody>
          {[...moves.entries()].sort().map(([move, n]) => (
            <tr key={move}>
              <td className="pr-6">{move}</td>
              <td className="text-right tabular-nums">{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {changed.length > 0 && (
        <>
          <h2 className="mt-6 text-lg font-semibold">Changed</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {changed.map((s) => (
              <li key={s.id}>
                <Link href={`/submissions/${s.id}`} className="text-accent hover:underline">
                  {s.problem.slug} · {s.user.email}
                </Link>{" "}
                <span className="text-muted">
                  {before[s.id] ?? "none"} → {s.verdict}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
