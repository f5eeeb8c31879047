import { currentUser } from "@/lib/auth/guards";
import { deleteDraft, draftBodySchema, loadDrafts, resolveDraftProblem, saveDraft } from "@/lib/drafts";
import { getEnv } from "@/lib/env";
import { isForbiddenCrossOrigin } from "@/lib/http/origin";

export const dynamic = "force-dynamic";

/**
 * Editor drafts of the signed-in user.
 *   GET    /api/drafts?problem=<slug>          -> { drafts: { [language]: { code, updatedAt } } } (no problem: playground)
 *   PUT    /api/drafts { problem?, language, code } -> { updatedAt }
 *   DELETE /api/drafts { problem?, language }       -> 204 ("reset to starter code")
 */
function json(status: number, body: unknown) {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return json(401, { error: "Sign in first" });
  const slug = new URL(request.url).searchParams.get("problem");
  const problemId = await resolveDraftProblem(slug, user);
  if (problemId === undefined) return json(404, { error: "No such problem" });
  return json(200, { drafts: await loadDrafts(user.id, problemId) });
}

async function parseWrite(request: Request, method: "PUT" | "DELETE") {
  if (isForbiddenCrossOrigin(method, request.headers, getEnv().trustedOrigins)) return { error: json(403, { error: "Cross-origin request refused" }) };
  const user = await currentUser();
  if (!user) return { error: json(401, { error: "Sign in first" }) };
  const body = draftBodySchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return { error: json(400, { error: body.error.issues[0]?.message ?? "Invalid request" }) };
  const problemId = await resolveDraftProblem(body.data.problem, user);
  if (problemId === undefined) return { error: json(404, { error: "No such problem" }) };
  return { user, problemId, body: body.data };
}

export async function PUT(request: Request): Promise<Response> {
  const r = await parseWrite(request, "PUT");
  if (r.error) return r.error;
  if (r.body.code === undefined) return json(400, { error: "code is required" });
  const updatedAt = await saveDraft(r.user.id, r.problemId, r.body.language, r.body.code);
  return json(200, { updatedAt: updatedAt.toISOString() });
}

export async function DELETE(request: Request): Promise<Response> {
  const r = await parseWrite(request, "DELETE");
  if (r.error) return r.error;
  await deleteDraft(r.user.id, r.problemId, r.body.language);
  return new Response(null, { status: 204 });
}
