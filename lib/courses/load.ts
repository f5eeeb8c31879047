import "server-only";
import { prisma } from "../db";
import { computeProgress, type ProgressRow } from "./progress";

export interface AssignmentProgress {
  assignment: { id: string; title: string; courseId: string; opensAt: Date; dueAt: Date; acceptLate: boolean; description: string };
  problems: { id: string; slug: string; title: string }[];
  rows: ProgressRow[];
}

/** An assignment with its problems and the progress of the given students (all by default). */
export async function loadAssignmentProgress(courseId: string, assignmentId: string, onlyUserId?: string): Promise<AssignmentProgress | null> {
  const assignment = await prisma.assignment.findFirst({
    where: { id: assignmentId, courseId },
    include: { problems: { orderBy: { ordinal: "asc" }, include: { problem: { select: { id: true, slug: true, title: true } } } } },
  });
  if (!assignment) return null;
  const problems = assignment.problems.map((p) => p.problem);
  const members = await prisma.courseMember.findMany({
    where: { courseId, role: "student", ...(onlyUserId ? { userId: onlyUserId } : {}) },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
  const students = members.map((m) => m.user);
  const submissions = await prisma.submission.findMany({
    where: { userId: { in: students.map((s) => s.id) }, problemId: { in: problems.map((p) => p.id) } },
    select: { userId: true, problemId: true, createdAt: true, status: true, verdict: true, score: true, maxScore: true },
  });
  const { id, title, courseId: course, opensAt, dueAt, acceptLate, description } = assignment;
  return { assignment: { id, title, courseId: course, opensAt, dueAt, acceptLate, description }, problems, rows: computeProgress(students, problems.map((p) => p.id), submissions, assignment) };
}
