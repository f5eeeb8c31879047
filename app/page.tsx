import Link from "next/link";
import { currentUser } from "@/lib/auth/guards";

export default async function Home() {
  const user = await currentUser();
  return (
    <div className="space-y-10">
      <section className="space-y-4 pt-6">
        <h1 className="text-4xl font-bold tracking-tight">Arbiter</h1>
        <p className="max-w-2xl text-lg text-muted">
          A self-hostable web IDE and online judge for programming courses. Write code in the browser, run it against
          your own input, and submit it to be judged against hidden tests, all on your own server.
        </p>
        <div className="flex gap-3">
          {user ? (
            <Link href="/problems" className="rounded-md bg-accent px-4 py-2 font-medium text-accent-fg hover:opacity-90">
              Go to the problems
            </Link>
          ) : (
            <>
              <Link href="/sign-up" className="rounded-md bg-accent px-4 py-2 font-medium text-accent-fg hover:opacity-90">
                Create an account
              </Link>
              <Link href="/sign-in" className="rounded-md border border-border px-4 py-2 font-medium hover:bg-code">
                Sign in
              </Link>
            </>
          )}
        </div>
      </section>
      <section className="grid gap-4 sm:grid-cols-3">
        {[
          ["Students", "Solve problems in the browser and get a verdict per test within seconds."],
          ["Instructors", "Write problems with sample and hidden tests, exact, token, float or custom checkers."],
          ["Administrators", "Run it on one machine with SQLite or PostgreSQL; code runs in a sandbox."],
        ].map(([title, text]) => (
          <div key={title} className="rounded-lg border border-border bg-card p-4">
            <h2 className="font-semibold">{title}</h2>
            <p className="mt-1 text-sm text-muted">{text}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
