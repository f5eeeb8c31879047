"use client";
import { useEffect, useRef } from "react";
import { useFormAction } from "./use-form-action";
import { FormStatus } from "@/components/form-status";
import { addReferenceSolution, addTest, generateOutputs, updateTest, uploadImage, uploadTests } from "@/app/instructor/problems/actions";

const field = "mt-1 block w-full rounded border border-border bg-bg px-2 py-1";
const button = "rounded bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-50";


export interface TestValues {
  id?: string;
  kind: string;
  groupName: string;
  points: number;
  input: string;
  expectedOutput: string;
}

export function TestForm({ slug, values, submitLabel }: { slug: string; values: TestValues; submitLabel: string }) {
  const { state, onSubmit, pending } = useFormAction(values.id ? updateTest : addTest);
  const form = useRef<HTMLFormElement>(null);
  // A new test was added: clear the form for the next one (an edit form keeps its values).
  useEffect(() => {
    if (state?.ok && !values.id) form.current?.reset();
  }, [state, values.id]);
  return (
    <form ref={form} onSubmit={onSubmit} className="space-y-2" data-testid={values.id ? "edit-test" : "add-test"}>
      <input type="hidden" name="slug" value={slug} />
      {values.id && <input type="hidden" name="testId" value={values.id} />}
      <div className="flex flex-wrap gap-3">
        <label className="text-sm">
          Kind
          <select name="kind" defaultValue={values.kind} className={field}>
            <option value="sample">sample (shown to students)</option>
            <option value="hidden">hidden</option>
          </select>
        </label>
        <label className="text-sm">
          Group
          <input name="groupName" defaultValue={values.groupName} className={field} placeholder="(none)" />
        </label>
        <label className="text-sm">
          Points (subtasks)
          <input name="points" type="number" min={0} defaultValue={values.points} className={`${field} w-24`} />
        </label>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <label className="text-sm">
          Input
          <textarea name="input" defaultValue={values.input} rows={5} className={`${field} font-mono text-xs`} />
        </label>
        <label className="text-sm">
          Expected output
          <textarea name="expectedOutput" defaultValue={values.expectedOutput} rows={5} className={`${field} font-mono text-xs`} />
        </label>
      </div>
      <div className="flex items-center gap-3">
        <button className={button} disabled={pending}>
          {submitLabel}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}

export function UploadTestsForm({ slug }: { slug: string }) {
  const { state, onSubmit, pending } = useFormAction(uploadTests);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} onSubmit={onSubmit} className="space-y-2" data-testid="upload-tests">
      <input type="hidden" name="slug" value={slug} />
      <label className="block text-sm">
        A .zip of <code>name.in</code> + <code>name.ans</code> (or <code>.out</code>) pairs; a <code>sample/</code> folder makes sample tests, other folders become groups
        <input name="zip" type="file" accept=".zip,application/zip" className="mt-1 block text-sm" />
      </label>
      <div className="flex items-center gap-3">
        <button className={button} disabled={pending}>
          Upload tests
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}

export function GenerateOutputsForm({ slug, languages }: { slug: string; languages: { id: string; name: string }[] }) {
  const { state, onSubmit, pending } = useFormAction(generateOutputs);
  return (
    <form onSubmit={onSubmit} className="space-y-2" data-testid="generate-outputs">
      <input type="hidden" name="slug" value={slug} />
      <label className="block text-sm">
        Language
        <select name="language" className={`${field} w-60`}>
          {languages.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        Reference solution
        <textarea name="source" rows={8} className={`${field} font-mono text-xs`} />
      </label>
      <div className="flex items-center gap-3">
        <button
          className={button}
          disabled={pending}
          onClick={(e) => {
            if (!confirm("Replace the expected output of every test with what this solution prints?")) e.preventDefault();
          }}
        >
          {pending ? "Running…" : "Generate expected outputs"}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}

export function UploadImageForm({ slug }: { slug: string }) {
  const { state, onSubmit, pending } = useFormAction(uploadImage);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-3" data-testid="upload-image">
      <input type="hidden" name="slug" value={slug} />
      <label className="text-sm">
        Image (PNG, JPEG, GIF, WebP; 2 MiB at most)
        <input name="image" type="file" accept="image/png,image/jpeg,image/gif,image/webp" className="mt-1 block text-sm" />
      </label>
      <button className={button} disabled={pending}>
        Upload image
      </button>
      <FormStatus state={state} />
    </form>
  );
}

export function ReferenceSolutionForm({ slug, languages }: { slug: string; languages: { id: string; name: string }[] }) {
  const { state, onSubmit, pending } = useFormAction(addReferenceSolution);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} onSubmit={onSubmit} className="space-y-2" data-testid="add-reference">
      <input type="hidden" name="slug" value={slug} />
      <div className="flex flex-wrap gap-3">
        <label className="text-sm">
          Name
          <input name="name" placeholder="greedy.py" className={field} />
        </label>
        <label className="text-sm">
          Must get
          <select name="expectedVerdict" className={field}>
            <option value="accepted">accepted</option>
            <option value="wrong_answer">wrong answer</option>
            <option value="time_limit_exceeded">time limit exceeded</option>
            <option value="runtime_error">run-time error</option>
          </select>
        </label>
        <label className="text-sm">
          Language
          <select name="language" className={field}>
            {languages.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="block text-sm">
        Source
        <textarea name="source" rows={6} className={`${field} font-mono text-xs`} />
      </label>
      <div className="flex items-center gap-3">
        <button className={button} disabled={pending}>
          Keep solution
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
