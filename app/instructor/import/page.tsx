import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/guards";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import a problem" };

export default async function ImportPage() {
  await requireRole("instructor", "admin");
  return (
    <div>
      <p className="text-sm">
        <Link href="/instructor" className="text-accent hover:underline">
          ← Instructor dashboard
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Import a problem package</h1>
      <p className="mt-1 text-muted">
        A Kattis problem package as a .zip: problem.yaml, problem_statement/, data/sample and data/secret, optionally
        output_validators/ and submissions/. Nothing is saved unless the whole package is valid.
      </p>
      <ImportForm />
    </div>
  );
}
