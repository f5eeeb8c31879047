import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCourse } from "@/lib/courses/access";
import { loadAssignmentProgress } from "@/lib/courses/load";
import { ProgressTable } from "./progress-table";

export const metadata: Metadata = { title: "Assignment" };
export const dynamic = "force-dynamic";

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

export default async function AssignmentPage({ params }: { params: Promise<{ id: string; aid: string }> }) {
  const { id, aid } = await params;
  const { user, access } = await requireCourse(id, "member");
  const teaching = access === "instructor";
  const progress = await loadAssignmentProgress(id, aid, teaching ? undefined : user.id);
  const now = new Date();
  if (!progress || (!teaching && progress.assignment.opensAt > now)) notFound();
  const { assignment, problems, rows } = progress;
  const mine = rows[0];
  const closed = assignment.dueAt < now;
  return (
    <div>
      <p className="text-sm">
        <Link href={`/courses/${id}`} className="text-accent hover:underline">
          ← Course
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{assignment.title}</h1>
      <p className="mt-1 text-sm text-muted">
        Opens {when(assignment.opensAt)} · due {when(assignment.dueAt)}
        {closed ? (assignment.acceptLate ? " · closed; late submissions still count" : " · closed; late submissions do not count") : ""}
      </p>
      {assignment.description && <p className="mt-3 whitespace-pre-wrap">{assignment.description}</p>}

      <h2 className="mt-6 text-lg font-semibold">Problems</h2>
      <ol className="mt-2 list-decimal space-y-1 pl-6">
        {problems.map((p) => {
          const cell = mine?.cells[p.id];
          return (
            <li key={p.id}>
              <Link href={`/problems/${p.slug}`} className="text-accent hover:underline">
                {p.title}
              </Link>
              {!teaching && cell && (
                <span className="ml-2 text-sm text-muted">
                  {cell.solved ? "solved" : cell.attempts ? `${cell.attempts} attempt(s)` : "not tried"}
                  {cell.late ? (cell.lateIgnored ? " · late attempts not counted" : " · late") : ""}
                </span>
              )}
            </li>
          );
        })}
      </ol>

      {teaching && (
        <>
          <div className="mt-8 flex items-center justify-between">
            <h2 className="text-lg font-semibold">Progress</h2>
            <a href={`/courses/${id}/assignments/${aid}/grades`} className="rounded border border-border px-3 py-1.5 text-sm hover:bg-code" download>
              Export grades (CSV)
            </a>
          </div>
          <p className="mt-1 text-sm text-muted">Best result per problem, attempts in brackets; click a column to sort.</p>
          <div className="mt-3">
            <ProgressTable problems={problems} rows={rows} />
          </div>
        </>
      )}
    </div>
  );
}
