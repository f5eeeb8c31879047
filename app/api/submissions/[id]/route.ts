import { currentUser } from "@/lib/auth/guards";
import { getSubmissionView } from "@/lib/submissions/service";

export const dynamic = "force-dynamic";

/** GET /api/submissions/<id> -> the submission as the caller may see it (404 if not theirs). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in first" }, { status: 401 });
  const { id } = await params;
  const view = await getSubmissionView(user, id);
  if (!view) return Response.json({ error: "No such submission" }, { status: 404 });
  return Response.json(view, { headers: { "cache-control": "no-store" } });
}
