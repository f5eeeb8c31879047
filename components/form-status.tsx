/** What a form's server action said: a line in green or red, and the list of problems if any. */
export type FormStatusState = { ok: boolean; message: string; errors?: string[] } | null;

const MAX_LISTED = 50;

export function FormStatus({ state }: { state: FormStatusState }) {
  if (!state) return null;
  return (
    <div role="status" className={`text-sm ${state.ok ? "text-emerald-600" : "text-red-600"}`}>
      {state.message}
      {state.errors && state.errors.length > 0 && (
        <ul className="list-disc pl-5">
          {state.errors.slice(0, MAX_LISTED).map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
