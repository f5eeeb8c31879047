import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProblemForm } from "@/components/authoring/problem-form";
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
    </div>
  );
}
