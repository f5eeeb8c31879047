import { authorize } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { loadExportable, problemToFiles, zipFiles } from "@/judge/kattis/export";

export const dynamic = "force-dynamic";

/** GET /instructor/import/<slug>/export: the problem as a Kattis package zip (instructors/admins). */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const auth = await authorize(request.headers, ["instructor", "admin"]);
  if (!auth.ok) return new Response(auth.status === 401 ? "Sign in first" : "Forbidden", { status: auth.status });
  const { slug } = await params;
  const problem = await loadExportable(prisma, slug);
  if (!problem) return new Response("No such problem", { status: 404 });
  const zip = await zipFiles(problemToFiles(problem));
  return new Response(new Uint8Array(zip), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${slug}.zip"`,
      "cache-control": "no-store",
    },
  });
}
