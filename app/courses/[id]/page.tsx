import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCourse } from "@/lib/courses/access";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { removeMember, renewInvite } from "../actions";
import { AddStudentsForm, AssignmentForm } from "../forms";

export const metadata: Metadata = { title: "Course" };
export const dynamic = "force-dynamic";

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

export default async function CoursePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { access } = await requireCourse(id, "member");
  const course = await prisma.course.findUnique({ where: { id } });
  if (!course) notFound();
  const now = new Date();
  const teaching = access === "instructor";
  const assignments = await prisma.assignment.findMany({
    // Students see an assignment once it opens.
    where: { courseId: id, ...(teaching ? {} : { opensAt: { lte: now } }) },
    orderBy: { dueAt: "asc" },
    include: { _count: { select: { problems: true } } },
  });
  return (
    <div>
      <h1 className="text-2xl font-semibold">{course.title}</h1>
      {course.description && <p className="mt-1 text-muted">{course.description}</p>}

      <h2 className="mt-6 text-lg font-semibold">Assignments</h2>
      {assignments.length === 0 ? (
        <p className="mt-2 text-muted">No assignments {teaching ? "yet" : "open yet"}.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {assignments.map((a) => (
            <li key={a.id} className="rounded-lg border border-border bg-card px-4 py-3">
              <Link href={`/courses/${id}/assignments/${a.id}`} className="font-medium text-accent hover:underline">
                {a.title}
              </Link>
              <span className="ml-2 text-xs text-muted">
                {a._count.problems} problem(s) · {a.opensAt > now ? `opens ${when(a.opensAt)} · ` : ""}due {when(a.dueAt)}
                {a.dueAt < now ? (a.acceptLate ? " · closed, late work counts" : " · closed") : ""}
              </span>
            </li>
          ))}
        </ul>
      )}

      {teaching && <TeachingPanel courseId={id} inviteToken={course.inviteToken} />}
    </div>
  );
}

async function TeachingPanel({ courseId, inviteToken }: { courseId: string; inviteToken: string }) {
  const [members, problems] = await Promise.all([
    prisma.courseMember.findMany({ where: { courseId }, include: { user: { select: { id: true, name: true, email: true } } }, orderBy: [{ role: "asc" }, { joinedAt: "asc" }] }),
    prisma.problem.findMany({ where: { visibility: "published" }, select: { slug: true, title: true }, orderBy: { title: "asc" } }),
  ]);
  const inviteUrl = `${getEnv().publicUrl}/courses/join/${inviteToken}`;
  return (
    <>
      <h2 className="mt-8 text-lg font-semibold">New assignment</h2>
      <AssignmentForm courseId={courseId} problems={problems} />

      <h2 className="mt-8 text-lg font-semibold">Members</h2>
      <p className="mt-1 text-sm">
        Invite link: <code className="rounded bg-code px-1" data-testid="invite-link">{inviteUrl}</code>
      </p>
      <form action={renewInvite} className="mt-1">
        <input type="hidden" name="courseId" value={courseId} />
        <button className="text-sm text-accent hover:underline">Renew the link (the old one stops working)</button>
      </form>
      <AddStudentsForm courseId={courseId} />
      <ul className="mt-3 space-y-1 text-sm" data-testid="members">
        {members.map((m) => (
          <li key={m.userId} className="flex items-center gap-2">
            <span>{m.user.name}</span>
            <span className="text-muted">{m.user.email}</span>
            <span className="rounded bg-code px-1 text-xs">{m.role}</span>
            {m.role === "student" && (
              <form action={removeMember}>
                <input type="hidden" name="courseId" value={courseId} />
                <input type="hidden" name="userId" value={m.userId} />
                <button className="text-xs text-red-600 hover:underline">remove</button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
