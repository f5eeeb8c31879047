import "server-only";
import { requireUser, type SessionUser } from "../auth/guards";
import { prisma } from "../db";

/**
 * Who may do what in a course: its instructors (and site admins) manage it and see everyone's
 * progress; its students see its open assignments and their own results; others see nothing
 * (404, so that course ids reveal nothing).
 */
export type CourseAccess = "instructor" | "student";

export async function courseAccess(courseId: string, user: SessionUser): Promise<CourseAccess | null> {
  if (user.role === "admin") return "instructor";
  const member = await prisma.courseMember.findUnique({ where: { courseId_userId: { courseId, userId: user.id } }, select: { role: true } });
  return member?.role ?? null;
}

/** In a page, action or route: the user and their access, or 404 / 403. */
export async function requireCourse(courseId: string, needed: CourseAccess | "member"): Promise<{ user: SessionUser; access: CourseAccess }> {
  const user = await requireUser();
  const access = await courseAccess(courseId, user);
  if (!access) {
    const { notFound } = await import("next/navigation");
    return notFound();
  }
  if (needed === "instructor" && access !== "instructor") {
    const { forbidden } = await import("next/navigation");
    return forbidden();
  }
  return { user, access };
}
