import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProblemForm } from "@/components/authoring/problem-form";
import { UploadImageForm } from "@/components/authoring/test-forms";
import { RejudgeButton } from "@/components/judge/rejudge-button";
import { deleteImage } from "../../actions";
import { requireRole } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { LANGUAGES, LANGUAGE_IDS } from "@/sandbox/languages";

export const metadata: Metadata = { title: "Edit problem" };
export const dynamic = "force-dynamic";

const parse = <T,>(json: string, fallback: T): T => {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
};

export default async function EditProblemPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireRole("instructor", "admin");
  const { slug } = await params;
  const p = await prisma.problem.findUnique({ where: { slug } });
  if (!p) notFound();
  const languages = LANGUAGE_IDS.map((id) => ({ id, name: LANGUAGES[id].name }));
  const images = await prisma.problemFile.findMany({ where: { problemId: p.id }, select: { name: true, size: true }, orderBy: { name: "asc" } });
  return (
    <div>
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Edit “{p.title}”</h1>
        <Link href={`/instructor/problems/${p.slug}/tests`} className="text-sm text-accent hover:underline">
          Tests →
        </Link>
        <Link href={`/problems/${p.slug}`} className="text-sm text-accent hover:underline">
          View as a student →
        </Link>
        <Link href={`/instructor/problems/${p.slug}/history`} className="text-sm text-accent hover:underline">
          History →
        </Link>
        <RejudgeButton body={{ problem: p.slug }} label="Rejudge all submissions" />
      </div>
      <ProblemForm
        originalSlug={p.slug}
        languages={languages}
        values={{
          ...p,
          checkerSource: p.checkerSource ?? "",
          checkerLanguage: p.checkerLanguage ?? "",
          allowedLanguages: parse<string[]>(p.allowedLanguages, []),
          starterCode: parse<Record<string, string>>(p.starterCode, {}),
        }}
      />

      <h2 className="mt-10 text-lg font-semibold">Images</h2>
      <p className="mt-1 text-sm text-muted">Upload an image, then put its Markdown line into the statement.</p>
      <ul className="mt-2 space-y-1 text-sm" data-testid="images">
        {images.map((img) => (
          <li key={img.name} className="flex items-center gap-3">
            <code className="rounded bg-code px-1">{`![${img.name}](/problems/${p.slug}/files/${img.name})`}</code>
            <span className="text-muted">{(img.size / 1024).toFixed(1)} KiB</span>
            <form action={deleteImage}>
              <input type="hidden" name="slug" value={p.slug} />
              <input type="hidden" name="name" value={img.name} />
              <button className="text-red-600 hover:underline">delete</button>
            </form>
          </li>
        ))}
      </ul>
      <div className="mt-3">
        <UploadImageForm slug={p.slug} />
      </div>
    </div>
  );
}
