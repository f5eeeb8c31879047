import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { joinCourse } from "../../actions";

export const metadata: Metadata = { title: "Join course" };

export default async function JoinCoursePage({ params }: { params: Promise<{ token: string }> }) {
  await requireUser();
  const { token } = await params;
  const course = await prisma.course.findUnique({ where: { inviteToken: token }, select: { title: true, description: true } });
  if (!course) notFound();
  return (
    <div className="max-w-xl">
      <h1 className="text-2xl font-semibold">Join “{course.title}”</h1>
      {course.description && <p className="mt-2 text-muted">{course.description}</p>}
      <form action={joinCourse} className="mt-4">
        <input type="hidden" name="token" value={token} />
        <button className="rounded bg-accent px-4 py-2 font-medium text-accent-fg">Join as a student</button>
      </form>
    </div>
  );
}
