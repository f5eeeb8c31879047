import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { VerifyRunner } from "./verify-runner";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Verify ${slug}` };
}

export default async function VerifyPage({ params }: Props) {
  await requireRole("instructor", "admin");
  const { slug } = await params;
  const problem = await prisma.problem.findUnique({
    where: { slug },
    select: {
      slug: true,
      title: true,
      timeLimitMs: true,
      checker: true,
      _count: { select: { tests: true } },
      referenceSolutions: { orderBy: { name: "asc" }, select: { name: true, expectedVerdict: true, language: true } },
    },
  });
  if (!problem) notFound();
  return (
    <div>
      <p className="text-sm">
        <Link href="/instructor" className="text-accent hover:underline">
          ← Instructor dashboard
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Verify {problem.title}</h1>
      <p className="mt-1 text-muted">
        Judges every submission kept with the problem (the package&apos;s submissions/ folders) on its {problem._count.tests} tests
        ({problem.checker} checker, time limit {problem.timeLimitMs / 1000} s) and checks that each gets the verdict of its folder.
      </p>
      {problem.referenceSolutions.length === 0 ? (
        <p className="mt-6" data-testid="verify-empty">
          This problem has no reference submissions. Import a package with submissions/accepted, wrong_answer,
          time_limit_exceeded or run_time_error folders to verify it.
        </p>
      ) : (
        <VerifyRunner slug={problem.slug} solutions={problem.referenceSolutions} />
      )}
    </div>
  );
}
