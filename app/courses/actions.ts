"use server";
import { randomBytes } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole, requireUser } from "@/lib/auth/guards";
import { requireCourse } from "@/lib/courses/access";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/logger";

export type FormState = { ok: boolean; message: string } | null;

const newToken = () => randomBytes(12).toString("base64url");
const id = z.string().min(1).max(100);

async function audit(actorId: string, action: string, targetType: string, targetId: string, data: unknown) {
  await prisma.auditEvent.create({ data: { actorId, action, targetType, targetId, data: JSON.stringify(data) } });
  logger.info({ component: "courses", actorId, action, targetId }, action);
}

const courseSchema = z.object({ title: z.string().trim().min(1, "Give the course a title").max(200), description: z.string().trim().max(5000) });

export async function createCourse(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireRole("instructor", "admin");
  const parsed = courseSchema.safeParse({ title: formData.get("title") ?? "", description: formData.get("description") ?? "" });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const course = await prisma.course.create({
    data: { ...parsed.data, inviteToken: newToken(), createdById: user.id, members: { create: { userId: user.id, role: "instructor" } } },
  });
  await audit(user.id, "course.create", "course", course.id, parsed.data);
  redirect(`/courses/${course.id}`);
}

/** Adds students by a list of emails (one per line, or separated by commas or spaces). */
export async function addStudents(_prev: FormState, formData: FormData): Promise<FormState> {
  const courseId = id.parse(formData.get("courseId"));
  const { user } = await requireCourse(courseId, "instructor");
  const emails = [...new Set(String(formData.get("emails") ?? "").toLowerCase().split(/[\s,;]+/).filter(Boolean))];
  if (emails.length === 0) return { ok: false, message: "Enter at least one email address" };
  if (emails.length > 1000) return { ok: false, message: "At most 1000 addresses at once" };
  const invalid = emails.filter((e) => !z.string().email().safeParse(e).success);
  if (invalid.length) return { ok: false, message: `Not email addresses: ${invalid.slice(0, 10).join(", ")}` };
  const users = await prisma.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  for (const u of users) {
    await prisma.courseMember.upsert({ where: { courseId_userId: { courseId, userId: u.id } }, create: { courseId, userId: u.id, role: "student" }, update: {} });
  }
  const found = new Set(users.map((u) => u.email));
  const missing = emails.filter((e) => !found.has(e));
  await audit(user.id, "course.members.add", "course", courseId, { added: users.length, missing: missing.length });
  revalidatePath(`/courses/${courseId}`);
  return {
    ok: missing.length === 0,
    message: `Added ${users.length} student(s).${missing.length ? ` No account yet for: ${missing.join(", ")} — send them the invite link.` : ""}`,
  };
}

export async function removeMember(formData: FormData): Promise<void> {
  const courseId = id.parse(formData.get("courseId"));
  const userId = id.parse(formData.get("userId"));
  const { user } = await requireCourse(courseId, "instructor");
  if (userId === user.id) return; // an instructor cannot lock themselves out
  await prisma.courseMember.deleteMany({ where: { courseId, userId } });
  await audit(user.id, "course.members.remove", "course", courseId, { userId });
  revalidatePath(`/courses/${courseId}`);
}

export async function renewInvite(formData: FormData): Promise<void> {
  const courseId = id.parse(formData.get("courseId"));
  const { user } = await requireCourse(courseId, "instructor");
  await prisma.course.update({ where: { id: courseId }, data: { inviteToken: newToken() } });
  await audit(user.id, "course.invite.renew", "course", courseId, null);
  revalidatePath(`/courses/${courseId}`);
}

/** Joins the course of an invite link as a student. */
export async function joinCourse(formData: FormData): Promise<void> {
  const user = await requireUser();
  const token = z.string().min(8).max(64).parse(formData.get("token"));
  const course = await prisma.course.findUnique({ where: { inviteToken: token }, select: { id: true } });
  if (!course) redirect("/courses?invite=invalid");
  await prisma.courseMember.upsert({
    where: { courseId_userId: { courseId: course.id, userId: user.id } },
    create: { courseId: course.id, userId: user.id, role: "student" },
    update: {},
  });
  redirect(`/courses/${course.id}`);
}

const assignmentSchema = z
  .object({
    title: z.string().trim().min(1, "Give the assignment a title").max(200),
    description: z.string().trim().max(20_000),
    opensAt: z.coerce.date({ message: "Opening time is not a date" }),
    dueAt: z.coerce.date({ message: "Deadline is not a date" }),
    acceptLate: z.boolean(),
    problems: z.array(z.string().trim().min(1)).min(1, "Choose at least one problem").max(100),
  })
  .refine((a) => a.dueAt > a.opensAt, { message: "The deadline must be after the opening time" });

export async function createAssignment(_prev: FormState, formData: FormData): Promise<FormState> {
  const courseId = id.parse(formData.get("courseId"));
  const { user } = await requireCourse(courseId, "instructor");
  // datetime-local inputs have no zone: the browser sends its offset alongside.
  const offset = Number(formData.get("tzOffsetMinutes") ?? 0);
  const local = (name: string) => {
    const v = String(formData.get(name) ?? "");
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? new Date(Date.parse(`${v}:00Z`) + offset * 60_000) : v;
  };
  const parsed = assignmentSchema.safeParse({
    title: formData.get("title") ?? "",
    description: formData.get("description") ?? "",
    opensAt: local("opensAt"),
    dueAt: local("dueAt"),
    acceptLate: formData.get("acceptLate") === "on",
    problems: formData.getAll("problems").map(String),
  });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const { problems: slugs, ...data } = parsed.data;
  const problems = await prisma.problem.findMany({ where: { slug: { in: slugs }, visibility: "published" }, select: { id: true, slug: true } });
  const unknown = slugs.filter((s) => !problems.some((p) => p.slug === s));
  if (unknown.length) return { ok: false, message: `Not published problems: ${unknown.join(", ")}` };
  const ordered = slugs.map((s) => problems.find((p) => p.slug === s)!);
  const assignment = await prisma.assignment.create({
    data: { ...data, courseId, problems: { create: ordered.map((p, i) => ({ problemId: p.id, ordinal: i + 1 })) } },
  });
  await audit(user.id, "assignment.create", "assignment", assignment.id, { courseId, title: data.title });
  revalidatePath(`/courses/${courseId}`);
  return { ok: true, message: `Assignment "${data.title}" created` };
}
