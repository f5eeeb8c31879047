import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { CreateCourseForm } from "./forms";

export const metadata: Metadata = { title: "Courses" };
export const dynamic = "force-dynamic";

export default async function CoursesPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const user = await requireUser();
  const { invite } = await searchParams;
  const memberships = await prisma.courseMember.findMany({
    where: { userId: user.id },
    include: { course: { select: { id: true, title: true, description: true, _count: { select: { members: true, assignments: true } } } } },
    orderBy: { joinedAt: "desc" },
  });
  const canCreate = user.role === "instructor" || user.role === "admin";
  return (
    <div>
      <h1 className="text-2xl font-semibold">Courses</h1>
      {invite === "invalid" && <p className="mt-2 text-red-600">That invite link is not valid (it may have been renewed). Ask your instructor for the current one.</p>}
      {memberships.length === 0 ? (
        <p className="mt-2 text-muted">You are not in any course yet. Join one with the invite link your instructor gives you.</p>
      ) : (
        <ul className="mt-4 space-y-2">
          {memberships.map(({ course, role }) => (
            <li key={course.id} className="rounded-lg border border-border bg-card px-4 py-3">
              <Link href={`/courses/${course.id}`} className="font-medium text-accent hover:underline">
                {course.title}
              </Link>
              <span className="ml-2 text-xs text-muted">
                {role} · {course._count.assignments} assignment(s) · {course._count.members} member(s)
              </span>
              {course.description && <p className="mt-1 text-sm text-muted">{course.description}</p>}
            </li>
          ))}
        </ul>
      )}
      {canCreate && (
        <>
          <h2 className="mt-8 text-lg font-semibold">New course</h2>
          <CreateCourseForm />
        </>
      )}
    </div>
  );
}
