"use client";
import { useEffect, useState } from "react";
import { previewStatement, saveProblem } from "@/app/instructor/problems/actions";
import { FormStatus } from "@/components/form-status";
import { useFormAction } from "./use-form-action";

export interface ProblemFormValues {
  title: string;
  slug: string;
  statement: string;
  difficulty: string;
  timeLimitMs: number;
  memoryLimitMb: number;
  checker: string;
  floatAbsTol: number | null;
  floatRelTol: number | null;
  checkerSource: string;
  checkerLanguage: string;
  scoring: string;
  stopAtFirstFailure: boolean;
  visibility: string;
  allowedLanguages: string[];
  starterCode: Record<string, string>;
  pythonPolicy: string;
}

const field = "mt-1 block w-full rounded border border-border bg-bg px-2 py-1";
const label = "block text-sm";

/** Create or edit a problem; the statement preview renders as students will see it. */
export function ProblemForm({ values, originalSlug, languages }: { values: ProblemFormValues; originalSlug?: string; languages: { id: string; name: string }[] }) {
  const { state, onSubmit, pending } = useFormAction(saveProblem);
  const [statement, setStatement] = useState(values.statement);
  const [preview, setPreview] = useState("");
  const [checker, setChecker] = useState(values.checker);

  useEffect(() => {
    const timer = setTimeout(() => {
      previewStatement(statement).then(setPreview, () => setPreview("<p>Preview unavailable</p>"));
    }, 300);
    return () => clearTimeout(timer);
  }, [statement]);

  return (
    <form onSubmit={onSubmit} className="mt-4 space-y-6" data-testid="problem-form">
      {originalSlug && <input type="hidden" name="originalSlug" value={originalSlug} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <label className={label}>
          Title
          <input name="title" defaultValue={values.title} required className={field} />
        </label>
        <label className={label}>
          Slug (in the URL)
          <input name="slug" defaultValue={values.slug} required pattern="[a-z0-9][a-z0-9-]*[a-z0-9]" className={field} />
        </label>
        <label className={label}>
          Difficulty
          <select name="difficulty" defaultValue={values.difficulty} className={field}>
            <option value="easy">easy</option>
            <option value="medium">medium</option>
            <option value="hard">hard</option>
          </select>
        </label>
        <label className={label}>
          Visibility
          <select name="visibility" defaultValue={values.visibility} className={field}>
            <option value="draft">draft (instructors only)</option>
            <option value="published">published</option>
          </select>
        </label>
        <label className={label}>
          Time limit (ms of CPU per test)
          <input name="timeLimitMs" type="number" min={100} max={20000} defaultValue={values.timeLimitMs} className={field} />
        </label>
        <label className={label}>
          Memory limit (MiB)
          <input name="memoryLimitMb" type="number" min={16} max={2048} defaultValue={values.memoryLimitMb} className={field} />
        </label>
      </div>

      <div>
        <div className="grid gap-4 lg:grid-cols-2">
          <label className={label}>
            Statement (Markdown; $math$ with KaTeX)
            <textarea name="statement" value={statement} onChange={(e) => setStatement(e.target.value)} rows={18} className={`${field} font-mono text-sm`} />
          </label>
          <div>
            <div className="text-sm">Preview</div>
            <div className="prose-statement mt-1 max-h-[26rem] overflow-auto rounded border border-border bg-card p-3" data-testid="statement-preview" dangerouslySetInnerHTML={{ __html: preview }} />
          </div>
        </div>
      </div>

      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-medium">Checking and scoring</legend>
        <label className={label}>
          Checker
          <select name="checker" value={checker} onChange={(e) => setChecker(e.target.value)} className={field}>
            <option value="tokens">tokens (whitespace-insensitive)</option>
            <option value="exact">exact</option>
            <option value="float">float with tolerance</option>
            <option value="custom">custom program</option>
          </select>
        </label>
        <label className={label}>
          Scoring
          <select name="scoring" defaultValue={values.scoring} className={field}>
            <option value="icpc">ICPC (all tests must pass)</option>
            <option value="subtasks">subtasks (points per group)</option>
          </select>
        </label>
        <label className="flex items-end gap-2 pb-1 text-sm">
          <input type="checkbox" name="stopAtFirstFailure" defaultChecked={values.stopAtFirstFailure} /> Stop at the first failing test
        </label>
        {checker === "float" && (
          <>
            <label className={label}>
              Absolute tolerance
              <input name="floatAbsTol" defaultValue={values.floatAbsTol ?? ""} placeholder="1e-6" className={field} />
            </label>
            <label className={label}>
              Relative tolerance
              <input name="floatRelTol" defaultValue={values.floatRelTol ?? ""} placeholder="1e-6" className={field} />
            </label>
          </>
        )}
        {checker === "custom" && (
          <>
            <label className={label}>
              Checker language
              <select name="checkerLanguage" defaultValue={values.checkerLanguage} className={field}>
                <option value="">choose…</option>
                {languages.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
            <label className={`${label} sm:col-span-3`}>
              Checker source (Kattis output validator: argv input answer feedback_dir, team output on stdin, exit 42 accept / 43 reject)
              <textarea name="checkerSource" defaultValue={values.checkerSource} rows={8} className={`${field} font-mono text-sm`} />
            </label>
          </>
        )}
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium">Languages (none ticked = all) and starter code</legend>
        <div className="mt-2 grid gap-4 lg:grid-cols-2">
          {languages.map((l) => (
            <div key={l.id}>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="allowedLanguages" value={l.id} defaultChecked={values.allowedLanguages.includes(l.id)} /> {l.name}
              </label>
              <textarea name={`starter.${l.id}`} defaultValue={values.starterCode[l.id] ?? ""} rows={4} placeholder="starter code (optional)" className={`${field} font-mono text-xs`} />
            </div>
          ))}
        </div>
      </fieldset>

      <label className={label}>
        Python rules (optional JSON), e.g. {`{"forbiddenNames": ["sorted"], "imports": {"mode": "allow", "modules": ["math"]}}`}
        <textarea name="pythonPolicy" defaultValue={values.pythonPolicy} rows={3} className={`${field} font-mono text-xs`} />
      </label>

      <div className="flex flex-wrap items-center gap-3">
        <button className="rounded bg-accent px-4 py-2 font-medium text-accent-fg disabled:opacity-50" disabled={pending}>
          {originalSlug ? "Save problem" : "Create problem"}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
