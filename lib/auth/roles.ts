/** Roles, shared by server and client code (no server-only imports here). */
export const ROLES = ["student", "instructor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
