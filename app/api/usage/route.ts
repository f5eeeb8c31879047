import { authorize } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { usageFor } from "@/lib/quotas/service";

/** The signed-in user's usage and limits, for the IDE's usage meter. */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorize(request.headers);
  if (!auth.ok) return Response.json({ error: "unauthorized" }, { status: 401 });
  const usage = await usageFor(prisma, auth.user);
  return Response.json(usage, { headers: { "cache-control": "no-store" } });
}
