import Link from "next/link";
import { currentUser } from "@/lib/auth/guards";
import { SignOutButton } from "./sign-out-button";

export async function Header() {
  const user = await currentUser();
  return (
    <header className="border-b border-border bg-card">
      <div className="mx-auto flex max-w-5xl items-center gap-6 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Arbiter
        </Link>
        {user && (
          <nav className="flex gap-4 text-sm text-muted">
            <Link href="/problems" className="hover:text-fg">
              Problems
            </Link>
            <Link href="/courses" className="hover:text-fg">
              Courses
            </Link>
            <Link href="/playground" className="hover:text-fg">
              Playground
            </Link>
            <Link href="/submissions" className="hover:text-fg">
              Submissions
            </Link>
            {(user.role === "instructor" || user.role === "admin") && (
              <Link href="/instructor" className="hover:text-fg">
                Instructor
              </Link>
            )}
            {user.role === "admin" && (
              <>
                <Link href="/admin/users" className="hover:text-fg">
                  Users
                </Link>
                <Link href="/admin/quotas" className="hover:text-fg">
                  Quotas
                </Link>
              </>
            )}
          </nav>
        )}
        <div className="ml-auto flex items-center gap-3 text-sm">
          {user ? (
            <>
              <span data-testid="current-user">
                {user.name} <span className="text-muted">({user.email})</span>{" "}
                <span data-testid="current-role" className="rounded-full bg-code px-2 py-0.5 text-xs font-medium">
                  {user.role}
                </span>
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/sign-in" className="hover:underline">
                Sign in
              </Link>
              <Link href="/sign-up" className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg hover:opacity-90">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
