import { authorize } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { canSeeDrafts } from "@/lib/problems";

/** A statement image, for anyone who may see the problem. Served inert: no sniffing, no script. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string; name: string }> }): Promise<Response> {
  const { slug, name } = await params;
  const auth = await authorize(request.headers);
  if (!auth.ok) return new Response("Sign in first", { status: 401 });
  const problem = await prisma.problem.findUnique({ where: { slug }, select: { id: true, visibility: true } });
  if (!problem || (problem.visibility !== "published" && !canSeeDrafts(auth.user))) return new Response("Not found", { status: 404 });
  const file = await prisma.problemFile.findUnique({ where: { problemId_name: { problemId: problem.id, name } } });
  if (!file) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(file.data), {
    headers: {
      "content-type": file.mimeType,
      "content-length": String(file.size),
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, max-age=300",
    },
  });
}
