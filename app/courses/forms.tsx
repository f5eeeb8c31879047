"use client";
import { useActionState, useState } from "react";
import { addStudents, createAssignment, createCourse } from "./actions";
import { FormStatus } from "@/components/form-status";

const field = "mt-1 block w-full rounded border border-border bg-bg px-2 py-1";
const button = "rounded bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-50";


export function CreateCourseForm() {
  const [state, action, pending] = useActionState(createCourse, null);
  return (
    <form action={action} className="mt-3 max-w-xl rounded-lg border border-border bg-card p-4">
      <label className="block text-sm">
        Title
        <input name="title" required maxLength={200} className={field} />
      </label>
      <label className="mt-3 block text-sm">
        Description
        <textarea name="description" rows={2} maxLength={5000} className={field} />
      </label>
      <div className="mt-3 flex items-center gap-3">
        <button className={button} disabled={pending}>
          Create course
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}

export function AddStudentsForm({ courseId }: { courseId: string }) {
  const [state, action, pending] = useActionState(addStudents, null);
  return (
    <form action={action} className="mt-3">
      <input type="hidden" name="courseId" value={courseId} />
      <label className="block text-sm">
        Student emails (one per line, or separated by commas)
        <textarea name="emails" rows={3} className={field} placeholder={"ada@example.org\nbob@example.org"} />
      </label>
      <div className="mt-2 flex items-center gap-3">
        <button className={button} disabled={pending}>
          Add students
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}

export function AssignmentForm({ courseId, problems }: { courseId: string; problems: { slug: string; title: string }[] }) {
  const [state, action, pending] = useActionState(createAssignment, null);
  // The offset of the browser's zone, so that datetime-local values mean the user's local time.
  const [offset] = useState(() => (typeof window === "undefined" ? 0 : new Date().getTimezoneOffset()));
  return (
    <form action={action} className="mt-3 rounded-lg border border-border bg-card p-4" data-testid="assignment-form">
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="tzOffsetMinutes" value={offset} />
      <label className="block text-sm">
        Title
        <input name="title" required maxLength={200} className={field} />
      </label>
      <label className="mt-3 block text-sm">
        Description
        <textarea name="description" rows={2} className={field} />
      </label>
      <div className="mt-3 flex flex-wrap gap-4">
        <label className="text-sm">
          Opens
          <input name="opensAt" type="datetime-local" required className={field} />
        </label>
        <label className="text-sm">
          Deadline
          <input name="dueAt" type="datetime-local" required className={field} />
        </label>
        <label className="flex items-end gap-2 pb-1 text-sm">
          <input name="acceptLate" type="checkbox" /> Count late submissions
        </label>
      </div>
      <fieldset className="mt-3">
        <legend className="text-sm">Problems (published ones)</legend>
        <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-2">
          {problems.map((p) => (
            <label key={p.slug} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="problems" value={p.slug} /> {p.title} <span className="text-muted">({p.slug})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mt-3 flex items-center gap-3">
        <button className={button} disabled={pending}>
          Create assignment
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
