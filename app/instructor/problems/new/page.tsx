import type { Metadata } from "next";
import { ProblemForm } from "@/components/authoring/problem-form";
import { requireRole } from "@/lib/auth/guards";
import { LANGUAGES, LANGUAGE_IDS } from "@/sandbox/languages";

export const metadata: Metadata = { title: "New problem" };

export default async function NewProblemPage() {
  await requireRole("instructor", "admin");
  const languages = LANGUAGE_IDS.map((id) => ({ id, name: LANGUAGES[id].name }));
  return (
    <div>
      <h1 className="text-2xl font-semibold">New problem</h1>
      <ProblemForm
        languages={languages}
        values={{
          title: "",
          slug: "",
          statement: "Describe the task.\n\n## Input\n\n## Output\n",
          difficulty: "easy",
          timeLimitMs: 1000,
          memoryLimitMb: 256,
          checker: "tokens",
          floatAbsTol: null,
          floatRelTol: null,
          checkerSource: "",
          checkerLanguage: "",
          scoring: "icpc",
          stopAtFirstFailure: true,
          visibility: "draft",
          allowedLanguages: [],
          starterCode: {},
          pythonPolicy: "",
        }}
      />
    </div>
  );
}
