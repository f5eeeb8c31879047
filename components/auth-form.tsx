"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/lib/auth/client";

export function AuthForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    const result =
      mode === "sign-up"
        ? await authClient.signUp.email({ email, password, name: String(form.get("name") ?? "").trim() || email })
        : await authClient.signIn.email({ email, password });
    setBusy(false);
    if (result.error) {
      setError(result.error.message ?? "Something went wrong");
      return;
    }
    router.push("/problems");
    router.refresh();
  }

  const input = "mt-1 block w-full rounded-md border border-border bg-bg px-3 py-2 outline-none focus:border-accent";
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-border bg-card p-6">
      <h1 className="text-2xl font-semibold">{mode === "sign-up" ? "Create an account" : "Sign in"}</h1>
      <form onSubmit={onSubmit} className="mt-6 space-y-4">
        {mode === "sign-up" && (
          <label className="block text-sm font-medium">
            Name
            <input name="name" autoComplete="name" required maxLength={100} className={input} />
          </label>
        )}
        <label className="block text-sm font-medium">
          Email
          <input name="email" type="email" autoComplete="email" required className={input} />
        </label>
        <label className="block text-sm font-medium">
          Password
          <input
            name="password"
            type="password"
            autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
            required
            minLength={mode === "sign-up" ? 8 : undefined}
            className={input}
          />
        </label>
        {error && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="w-full rounded-md bg-accent px-4 py-2 font-medium text-accent-fg hover:opacity-90 disabled:opacity-50"
        >
          {mode === "sign-up" ? "Sign up" : "Sign in"}
        </button>
      </form>
      <p className="mt-4 text-sm text-muted">
        {mode === "sign-up" ? (
          <>
            Already have an account? <Link href="/sign-in" className="text-accent underline">Sign in</Link>
          </>
        ) : (
          <>
            No account yet? <Link href="/sign-up" className="text-accent underline">Sign up</Link>
          </>
        )}
      </p>
    </div>
  );
}
