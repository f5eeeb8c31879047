import { authorize } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { isForbiddenCrossOrigin } from "@/lib/http/origin";
import { logger } from "@/lib/logger";
import { formatProblem, PackageError } from "@/judge/kattis/errors";
import { DEFAULT_PACKAGE_LIMITS } from "@/judge/kattis/files";
import { importProblem, SlugClashError } from "@/judge/kattis/import";
import { parseKattisZip } from "@/judge/kattis/parse";

export const dynamic = "force-dynamic";

/**
 * POST /instructor/import/upload (multipart: file = the package zip, replace = "on", publish = "on")
 *   200 { ok: true, slug, title, tests, submissions, replaced, warnings: string[] }
 *   409 { ok: false, clash: true, slug, problems: [message] }  slug taken (resend with replace)
 *   422 { ok: false, problems: string[], warnings: string[] }   what is wrong with the package
 *   400 / 401 / 403 / 413 { ok: false, problems: [message] }
 */
function json(status: number, body: unknown) {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  if (isForbiddenCrossOrigin("POST", request.headers, getEnv().trustedOrigins)) return json(403, { ok: false, problems: ["Cross-origin request refused"] });
  const auth = await authorize(request.headers, ["instructor", "admin"]);
  if (!auth.ok) return json(auth.status, { ok: false, problems: [auth.status === 401 ? "Sign in first" : "Only instructors and admins can import problems"] });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > DEFAULT_PACKAGE_LIMITS.maxZipBytes + 1024 * 1024) {
    return json(413, { ok: false, problems: [`the upload is larger than ${DEFAULT_PACKAGE_LIMITS.maxZipBytes} bytes`] });
  }
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!form || !(file instanceof File) || file.size === 0) return json(400, { ok: false, problems: ["choose a package .zip file to upload"] });
  if (file.size > DEFAULT_PACKAGE_LIMITS.maxZipBytes) return json(413, { ok: false, problems: [`the zip is ${file.size} bytes; at most ${DEFAULT_PACKAGE_LIMITS.maxZipBytes} are accepted`] });
  const replace = form.get("replace") === "on";
  const publish = form.get("publish") === "on";
  const log = logger.child({ component: "kattis", userId: auth.user.id });
  const t0 = performance.now();
  try {
    const parsed = await parseKattisZip(Buffer.from(await file.arrayBuffer()), file.name);
    const r = await importProblem(prisma, parsed, { replace, publish, userId: auth.user.id });
    log.info({ event: "problem.import", slug: r.slug, tests: r.tests, submissions: r.submissions, zipBytes: file.size, ms: Math.round(performance.now() - t0) }, `imported ${r.slug}`);
    return json(200, { ok: true, slug: r.slug, title: parsed.title, tests: r.tests, submissions: r.submissions, replaced: r.replaced, warnings: parsed.warnings.map(formatProblem) });
  } catch (error) {
    if (error instanceof PackageError) {
      log.info({ event: "problem.import.rejected", problems: error.problems.length, zipBytes: file.size }, "package rejected");
      return json(422, { ok: false, problems: error.problems.map(formatProblem), warnings: error.warnings.map(formatProblem) });
    }
    if (error instanceof SlugClashError) return json(409, { ok: false, clash: true, slug: error.slug, problems: [error.message] });
    log.error({ event: "problem.import.failed", err: error }, "import failed");
    return json(500, { ok: false, problems: ["the import failed on the server; nothing was saved"] });
  }
}
