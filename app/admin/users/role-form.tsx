"use client";
import { useActionState } from "react";
import { ROLES, type Role } from "@/lib/auth/roles";
import { changeRole, type ChangeRoleState } from "./actions";

export function RoleForm({ userId, role, email, disabled }: { userId: string; role: Role; email: string; disabled?: boolean }) {
  const [state, action, pending] = useActionState<ChangeRoleState, FormData>(changeRole, null);
  return (
    <form action={action} className="flex items-center gap-2" aria-label={`Role of ${email}`}>
      <input type="hidden" name="userId" value={userId} />
      <select
        name="role"
        defaultValue={role}
        disabled={disabled || pending}
        aria-label={`Role for ${email}`}
        className="rounded-md border border-border bg-bg px-2 py-1"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <button
        type="submit"
        disabled={disabled || pending}
        className="rounded-md border border-border px-2 py-1 hover:bg-code disabled:opacity-50"
      >
        Save
      </button>
      {state && (
        <span role="status" className={state.ok ? "text-emerald-600 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}>
          {state.message}
        </span>
      )}
    </form>
  );
}
