import "server-only";
import { getAuth } from "./auth";
import { isRole, type Role } from "./roles";

/**
 * The single place where "who is this and what may they do" is decided. Every page, route
 * handler, server action and the WebSocket goes through these functions.
 *
 * - requireUser() / requireRole(...) are for Next.js request scopes (pages, layouts, route
 *   handlers, server actions): not signed in -> redirect to /sign-in; wrong role -> 403 page.
 * - userFromHeaders() / authorize() are for code outside Next's request scope (the WebSocket
 *   upgrade in server.ts) and never throw Next control-flow errors.
 *
 * next/headers and next/navigation are imported lazily: this module is also loaded by the custom
 * server outside Next's runtime, where importing them at the top level fails.
 */

export type SessionUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
};

export type Authorization =
  | { ok: true; user: SessionUser }
  | { ok: false; status: 401 | 403; user: SessionUser | null };

/** Pure role check. */
export function hasRole(user: Pick<SessionUser, "role"> | null | undefined, roles: readonly Role[]): boolean {
  return !!user && roles.includes(user.role);
}

/** Resolves the signed-in user from request headers (session cookie), or null. */
export async function userFromHeaders(headers: Headers): Promise<SessionUser | null> {
  // Errors (e.g. database down) propagate: they must not look like "signed out".
  const session = await getAuth().api.getSession({ headers });
  if (!session?.user) return null;
  const u = session.user as { id: string; name: string; email: string; role?: unknown };
  // An unknown role is treated as the least-privileged one.
  return { id: u.id, name: u.name, email: u.email, role: isRole(u.role) ? u.role : "student" };
}

/** Non-throwing check for code outside Next's request scope (e.g. the WebSocket upgrade). */
export async function authorize(headers: Headers, roles?: readonly Role[]): Promise<Authorization> {
  const user = await userFromHeaders(headers);
  if (!user) return { ok: false, status: 401, user: null };
  if (roles && !hasRole(user, roles)) return { ok: false, status: 403, user };
  return { ok: true, user };
}

/** The signed-in user in a Next.js request scope, or null (no redirect). */
export async function currentUser(): Promise<SessionUser | null> {
  const { headers } = await import("next/headers");
  return userFromHeaders(await headers());
}

/** Signed-in user or redirect to /sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) {
    const { redirect } = await import("next/navigation");
    return redirect("/sign-in");
  }
  return user;
}

/** Signed-in user with one of `roles`, else redirect to /sign-in (anonymous) or 403. */
export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!hasRole(user, roles)) {
    const { forbidden } = await import("next/navigation");
    return forbidden();
  }
  return user;
}
