import { courseAccess } from "@/lib/courses/access";
import { loadAssignmentProgress } from "@/lib/courses/load";
import { progressCsv } from "@/lib/courses/progress";
import { authorize } from "@/lib/auth/guards";

/** Grades of an assignment as CSV, for the course's instructors only. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; aid: string }> }): Promise<Response> {
  const { id, aid } = await params;
  const auth = await authorize(request.headers);
  if (!auth.ok) return new Response("Sign in first", { status: 401 });
  const access = await courseAccess(id, auth.user);
  if (!access) return new Response("Not found", { status: 404 });
  if (access !== "instructor") return new Response("Only the course's instructors can export grades", { status: 403 });
  const progress = await loadAssignmentProgress(id, aid);
  if (!progress) return new Response("Not found", { status: 404 });
  const name = progress.assignment.title.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60) || "assignment";
  return new Response(progressCsv(progress.rows, progress.problems), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}-grades.csv"`,
      "cache-control": "no-store",
    },
  });
}
