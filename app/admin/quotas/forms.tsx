"use client";
import { useActionState } from "react";
import type { Quota } from "@/lib/quotas/defaults";
import { saveRoleQuotas, saveUserQuota } from "./actions";
import { FormStatus } from "@/components/form-status";

const LABELS: Record<keyof Quota, string> = {
  concurrentRuns: "Runs at once",
  runsPerMinute: "Runs per minute",
  submissionsPerMinute: "Submissions per minute",
  queuedSubmissions: "Submissions waiting",
  cpuSecondsPerDay: "CPU seconds per day",
  maxSourceBytes: "Source size (bytes)",
  maxCpuMsPerRun: "CPU limit per run (ms)",
  maxMemoryMbPerRun: "Memory limit per run (MiB)",
};
const FIELDS = Object.keys(LABELS) as (keyof Quota)[];
const input = "w-28 rounded border border-border bg-bg px-2 py-1 text-right tabular-nums";


export function RoleQuotaForm(props: {
  roles: readonly string[];
  defaults: Record<string, Quota>;
  current: Record<string, Partial<Record<keyof Quota, number | null>>>;
}) {
  const [state, action, pending] = useActionState(saveRoleQuotas, null);
  return (
    <form action={action} className="mt-3" data-testid="role-quotas">
      <div className="overflow-x-auto rounded-lg border border-border bg-card">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-border text-muted">
            <tr>
              <th className="px-4 py-2 font-medium">Limit</th>
              {props.roles.map((role) => (
                <th key={role} className="px-4 py-2 font-medium capitalize">{role}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((field) => (
              <tr key={field} className="border-b border-border last:border-0">
                <td className="px-4 py-2">{LABELS[field]}</td>
                {props.roles.map((role) => (
                  <td key={role} className="px-4 py-1">
                    <input
                      className={input}
                      name={`${role}.${field}`}
                      aria-label={`${role} ${LABELS[field]}`}
                      inputMode="numeric"
                      defaultValue={props.current[role]?.[field] ?? ""}
                      placeholder={String(props.defaults[role]?.[field] ?? "")}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-50">
          Save role limits
        </button>
        <span className="text-xs text-muted">Blank = built-in default (shown in grey).</span>
        <FormStatus state={state} />
      </div>
    </form>
  );
}

export function UserQuotaForm() {
  const [state, action, pending] = useActionState(saveUserQuota, null);
  return (
    <form action={action} className="mt-3 rounded-lg border border-border bg-card p-4" data-testid="user-quota">
      <label className="block text-sm">
        User email
        <input name="email" type="email" required className="mt-1 block w-72 rounded border border-border bg-bg px-2 py-1" />
      </label>
      <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {FIELDS.map((field) => (
          <label key={field} className="text-sm">
            {LABELS[field]}
            <input name={field} inputMode="numeric" placeholder="role's value" className={`mt-1 block ${input}`} />
          </label>
        ))}
      </div>
      <label className="mt-3 block text-sm">
        Note
        <input name="note" maxLength={500} className="mt-1 block w-full rounded border border-border bg-bg px-2 py-1" />
      </label>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-50">
          Save overrides
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
