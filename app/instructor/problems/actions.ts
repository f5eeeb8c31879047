"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole, type SessionUser } from "@/lib/auth/guards";
import { changedFields, problemColumns, problemInputFromForm, VERDICT_FIELDS } from "@/lib/authoring/problem-input";
import { checkImage, MAX_IMAGE_BYTES, MAX_IMAGES_PER_PROBLEM } from "@/lib/authoring/images";
import { readTestZip } from "@/lib/authoring/test-upload";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/logger";
import { renderMarkdown } from "@/lib/markdown";

export type EditorState = { ok: boolean; message: string; errors?: string[] } | null;

/** Instructors edit problems they wrote (or ones nobody owns); admins edit every problem. */
async function editableProblem(user: SessionUser, slug: string) {
  const problem = await prisma.problem.findUnique({ where: { slug } });
  if (!problem) throw new Error(`No problem ${slug}`);
  if (user.role !== "admin" && problem.authorId && problem.authorId !== user.id) throw new Error("Only the problem's author or an admin may change it");
  return problem;
}

/** The caller, the problem named by the form's `slug`, or the refusal to show in the form. */
type EditableProblem = Awaited<ReturnType<typeof editableProblem>>;

async function editorContext(formData: FormData): Promise<{ user: SessionUser; slug: string; problem: EditableProblem } | { refused: EditorState }> {
  const user = await requireRole("instructor", "admin");
  const slug = String(formData.get("slug"));
  try {
    return { user, slug, problem: await editableProblem(user, slug) };
  } catch (error) {
    return { refused: { ok: false, message: (error as Error).message } };
  }
}

async function audit(actorId: string, action: string, problemId: string, data: unknown) {
  await prisma.auditEvent.create({ data: { actorId, action, targetType: "problem", targetId: problemId, data: JSON.stringify(data) } });
  logger.info({ component: "authoring", actorId, action, problemId }, action);
}

/** Live preview of a statement, rendered exactly as students will see it. */
export async function previewStatement(markdown: string): Promise<string> {
  await requireRole("instructor", "admin");
  return renderMarkdown(String(markdown).slice(0, 200_000));
}

export async function saveProblem(_prev: EditorState, formData: FormData): Promise<EditorState> {
  const user = await requireRole("instructor", "admin");
  const parsed = problemInputFromForm(formData);
  if (!parsed.success) return { ok: false, message: "Please fix these:", errors: parsed.error.issues.map((i) => i.message) };
  const columns = problemColumns(parsed.data);
  const originalSlug = String(formData.get("originalSlug") ?? "");
  if (originalSlug) {
    let before;
    try {
      before = await editableProblem(user, originalSlug);
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    if (columns.slug !== originalSlug && (await prisma.problem.findUnique({ where: { slug: columns.slug } }))) {
      return { ok: false, message: `The slug ${columns.slug} is taken` };
    }
    const changed = changedFields(before, columns);
    if (changed.length === 0) return { ok: true, message: "No changes" };
    const publishedAt = columns.visibility === "published" ? (before.publishedAt ?? new Date()) : before.publishedAt;
    await prisma.problem.update({ where: { id: before.id }, data: { ...columns, publishedAt } });
    await audit(user.id, "problem.update", before.id, { changed });
    revalidatePath(`/problems/${columns.slug}`);
    const affectsVerdicts = changed.filter((f) => VERDICT_FIELDS.includes(f));
    const note = affectsVerdicts.length ? ` Verdicts may change (${affectsVerdicts.join(", ")}): rejudge from the submissions page.` : "";
    if (columns.slug !== originalSlug) redirect(`/instructor/problems/${columns.slug}/edit`);
    return { ok: true, message: `Saved: ${changed.join(", ")}.${note}` };
  }
  if (await prisma.problem.findUnique({ where: { slug: columns.slug } })) return { ok: false, message: `The slug ${columns.slug} is taken` };
  const created = await prisma.problem.create({
    data: { ...columns, authorId: user.id, publishedAt: columns.visibility === "published" ? new Date() : null },
  });
  await audit(user.id, "problem.create", created.id, { slug: created.slug });
  redirect(`/instructor/problems/${created.slug}/tests`);
}

const testSchema = z.object({
  kind: z.enum(["sample", "hidden"]),
  groupName: z.string().trim().max(100),
  points: z.coerce.number().int().min(0).max(10_000),
  input: z.string().max(32 * 1024 * 1024),
  expectedOutput: z.string().max(32 * 1024 * 1024),
});

function readTest(formData: FormData) {
  return testSchema.safeParse({
    kind: formData.get("kind"),
    groupName: String(formData.get("groupName") ?? ""),
    points: formData.get("points") || 0,
    input: String(formData.get("input") ?? ""),
    expectedOutput: String(formData.get("expectedOutput") ?? ""),
  });
}

export async function addTest(_prev: EditorState, formData: FormData): Promise<EditorState> {
  const ctx = await editorContext(formData);
  if ("refused" in ctx) return ctx.refused;
  const { user, slug, problem } = ctx;
  const parsed = readTest(formData);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const last = await prisma.testCase.aggregate({ where: { problemId: problem.id }, _max: { ordinal: true } });
  const test = await prisma.testCase.create({ data: { ...parsed.data, problemId: problem.id, ordinal: (last._max.ordinal ?? 0) + 1 } });
  await audit(user.id, "problem.test.add", problem.id, { testId: test.id, ordinal: test.ordinal, kind: test.kind });
  revalidatePath(`/instructor/problems/${slug}/tests`);
  return { ok: true, message: `Test ${test.ordinal} added` };
}

export async function updateTest(_prev: EditorState, formData: FormData): Promise<EditorState> {
  const ctx = await editorContext(formData);
  if ("refused" in ctx) return ctx.refused;
  const { user, slug, problem } = ctx;
  const parsed = readTest(formData);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const id = String(formData.get("testId"));
  const { count } = await prisma.testCase.updateMany({ where: { id, problemId: problem.id }, data: parsed.data });
  if (count !== 1) return { ok: false, message: "No such test" };
  await audit(user.id, "problem.test.update", problem.id, { testId: id });
  revalidatePath(`/instructor/problems/${slug}/tests`);
  return { ok: true, message: "Test saved" };
}

/** Delete, or move one place up or down. */
export async function changeTest(formData: FormData): Promise<void> {
  const user = await requireRole("instructor", "admin");
  const slug = String(formData.get("slug"));
  const problem = await editableProblem(user, slug);
  const id = String(formData.get("testId"));
  const op = z.enum(["delete", "up", "down"]).parse(formData.get("op"));
  const tests = await prisma.testCase.findMany({ where: { problemId: problem.id }, orderBy: { ordinal: "asc" }, select: { id: true } });
  const index = tests.findIndex((t) => t.id === id);
  if (index < 0) return;
  if (op === "delete") tests.splice(index, 1);
  else {
    const other = op === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= tests.length) return;
    [tests[index], tests[other]] = [tests[other]!, tests[index]!];
  }
  // Renumber 1..n in one transaction; (problemId, ordinal) is unique, so go through
  // negative numbers first to never clash on the way.
  await prisma.$transaction([
    ...(op === "delete" ? [prisma.testCase.delete({ where: { id } })] : []),
    ...tests.map((t, i) => prisma.testCase.update({ where: { id: t.id }, data: { ordinal: -(i + 1) } })),
    ...tests.map((t, i) => prisma.testCase.update({ where: { id: t.id }, data: { ordinal: i + 1 } })),
  ]);
  await audit(user.id, `problem.test.${op}`, problem.id, { testId: id });
  revalidatePath(`/instructor/problems/${slug}/tests`);
}

/** Adds every test of a zip, or none when anything in it is wrong. */
export async function uploadTests(_prev: EditorState, formData: FormData): Promise<EditorState> {
  const ctx = await editorContext(formData);
  if ("refused" in ctx) return ctx.refused;
  const { user, slug, problem } = ctx;
  const file = formData.get("zip");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: "Choose a .zip file" };
  const { tests, errors } = await readTestZip(Buffer.from(await file.arrayBuffer()), file.name);
  if (errors.length) return { ok: false, message: `Nothing was added; fix the zip first:`, errors };
  const last = await prisma.testCase.aggregate({ where: { problemId: problem.id }, _max: { ordinal: true } });
  const start = last._max.ordinal ?? 0;
  await prisma.$transaction(
    tests.map((t, i) =>
      prisma.testCase.create({ data: { problemId: problem.id, ordinal: start + i + 1, kind: t.kind, groupName: t.groupName, input: t.input, expectedOutput: t.expectedOutput } }),
    ),
  );
  await audit(user.id, "problem.test.upload", problem.id, { added: tests.length, file: file.name });
  revalidatePath(`/instructor/problems/${slug}/tests`);
  return { ok: true, message: `Added ${tests.length} test(s) from ${file.name}` };
}

const generateSchema = z.object({
  language: z.enum(["python", "c", "cpp", "javascript"]),
  source: z.string().min(1, "Paste the reference solution").max(256 * 1024),
});

/**
 * Runs a reference solution on every test's input in the sandbox and, only if every run ends
 * normally, replaces all expected outputs with what it printed.
 */
export async function generateOutputs(_prev: EditorState, formData: FormData): Promise<EditorState> {
  const ctx = await editorContext(formData);
  if ("refused" in ctx) return ctx.refused;
  const { user, slug, problem } = ctx;
  const parsed = generateSchema.safeParse({ language: formData.get("language"), source: String(formData.get("source") ?? "") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const tests = await prisma.testCase.findMany({ where: { problemId: problem.id }, orderBy: { ordinal: "asc" }, select: { id: true, ordinal: true, input: true } });
  if (tests.length === 0) return { ok: false, message: "Add tests (their inputs) first" };
  const { getSandbox } = await import("@/lib/sandbox");
  let sandbox;
  try {
    sandbox = await getSandbox();
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const session = await sandbox.openSession({
    language: parsed.data.language,
    source: parsed.data.source,
    limits: { cpuMs: problem.timeLimitMs, wallMs: problem.timeLimitMs * 2 + 1000, memoryMb: problem.memoryLimitMb, outputBytes: 32 * 1024 * 1024 },
  });
  const outputs: { id: string; output: string }[] = [];
  const failures: string[] = [];
  try {
    const compiled = await session.compile();
    if (compiled && compiled.status !== "OK") return { ok: false, message: "The reference solution does not compile:", errors: [compiled.message.slice(0, 2000)] };
    for (const test of tests) {
      const result = await session.run({ stdin: test.input });
      if (result.status === "OK") outputs.push({ id: test.id, output: result.stdout });
      else failures.push(`test ${test.ordinal}: ${result.status} (${result.message})`);
    }
  } finally {
    await session.close();
  }
  if (failures.length) return { ok: false, message: "Nothing was changed; the reference solution failed on:", errors: failures };
  await prisma.$transaction(outputs.map((o) => prisma.testCase.update({ where: { id: o.id }, data: { expectedOutput: o.output } })));
  await audit(user.id, "problem.test.generate", problem.id, { tests: outputs.length, language: parsed.data.language });
  revalidatePath(`/instructor/problems/${slug}/tests`);
  return { ok: true, message: `Expected outputs of ${outputs.length} test(s) generated` };
}

/** Adds (or replaces) an image of the statement. */
export async function uploadImage(_prev: EditorState, formData: FormData): Promise<EditorState> {
  const ctx = await editorContext(formData);
  if ("refused" in ctx) return ctx.refused;
  const { user, slug, problem } = ctx;
  const file = formData.get("image");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: "Choose an image file" };
  if (file.size > MAX_IMAGE_BYTES) return { ok: false, message: `${file.name} is ${file.size} bytes; at most ${MAX_IMAGE_BYTES} allowed` };
  const checked = checkImage(file.name, Buffer.from(await file.arrayBuffer()));
  if (!checked.ok) return { ok: false, message: checked.message };
  if ((await prisma.problemFile.count({ where: { problemId: problem.id } })) >= MAX_IMAGES_PER_PROBLEM) return { ok: false, message: `At most ${MAX_IMAGES_PER_PROBLEM} images per problem` };
  const data = new Uint8Array(await file.arrayBuffer());
  await prisma.problemFile.upsert({
    where: { problemId_name: { problemId: problem.id, name: checked.name } },
    create: { problemId: problem.id, name: checked.name, mimeType: checked.mime, data, size: data.length },
    update: { mimeType: checked.mime, data, size: data.length },
  });
  await audit(user.id, "problem.image.upload", problem.id, { name: checked.name, size: data.length });
  revalidatePath(`/instructor/problems/${slug}/edit`);
  return { ok: true, message: `Uploaded; use ![description](/problems/${slug}/files/${checked.name})` };
}

export async function deleteImage(formData: FormData): Promise<void> {
  const user = await requireRole("instructor", "admin");
  const slug = String(formData.get("slug"));
  const problem = await editableProblem(user, slug);
  const name = z.string().min(1).max(100).parse(formData.get("name"));
  await prisma.problemFile.deleteMany({ where: { problemId: problem.id, name } });
  await audit(user.id, "problem.image.delete", problem.id, { name });
  revalidatePath(`/instructor/problems/${slug}/edit`);
}

const referenceSchema = z.object({
  name: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, "Name: letters, digits, dots, dashes (e.g. greedy-wrong.py)"),
  expectedVerdict: z.enum(["accepted", "wrong_answer", "time_limit_exceeded", "runtime_error"]),
  language: z.enum(["python", "c", "cpp", "javascript"]),
  source: z.string().min(1, "Paste the solution's source").max(256 * 1024),
});

/** Keeps a solution with the problem, with the verdict it must get (run them all with Verify). */
export async function addReferenceSolution(_prev: EditorState, formData: FormData): Promise<EditorState> {
  const ctx = await editorContext(formData);
  if ("refused" in ctx) return ctx.refused;
  const { user, slug, problem } = ctx;
  const parsed = referenceSchema.safeParse({
    name: formData.get("name"),
    expectedVerdict: formData.get("expectedVerdict"),
    language: formData.get("language"),
    source: String(formData.get("source") ?? ""),
  });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  // Names follow the package layout (submissions/<verdict folder>/<file>), so export keeps them.
  const folder = { accepted: "accepted", wrong_answer: "wrong_answer", time_limit_exceeded: "time_limit_exceeded", runtime_error: "run_time_error" }[parsed.data.expectedVerdict];
  const name = `${folder}/${parsed.data.name}`;
  if (await prisma.referenceSolution.findUnique({ where: { problemId_name: { problemId: problem.id, name } } })) return { ok: false, message: `${name} exists already` };
  await prisma.referenceSolution.create({ data: { problemId: problem.id, name, expectedVerdict: parsed.data.expectedVerdict, language: parsed.data.language, source: parsed.data.source } });
  await audit(user.id, "problem.reference.add", problem.id, { name });
  revalidatePath(`/instructor/problems/${slug}/tests`);
  return { ok: true, message: `${name} kept` };
}

export async function deleteReferenceSolution(formData: FormData): Promise<void> {
  const user = await requireRole("instructor", "admin");
  const slug = String(formData.get("slug"));
  const problem = await editableProblem(user, slug);
  const name = z.string().min(1).max(200).parse(formData.get("name"));
  await prisma.referenceSolution.deleteMany({ where: { problemId: problem.id, name } });
  await audit(user.id, "problem.reference.delete", problem.id, { name });
  revalidatePath(`/instructor/problems/${slug}/tests`);
}
