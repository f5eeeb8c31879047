import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { isRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { RoleForm } from "./role-form";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const admin = await requireRole("admin");
  const users = await prisma.user.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, email: true, role: true, createdAt: true },
    take: 500,
  });
  return (
    <div>
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="mt-1 text-muted">{users.length} accounts</p>
      <div className="mt-6 overflow-hidden rounded-lg border border-border bg-card">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-border text-muted">
            <tr>
              <th className="px-4 py-2 font-medium">Name</th>
              <th className="px-4 py-2 font-medium">Email</th>
              <th className="px-4 py-2 font-medium">Created</th>
              <th className="px-4 py-2 font-medium">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-border last:border-0" data-testid="user-row" data-email={u.email}>
                <td className="px-4 py-2">{u.name}</td>
                <td className="px-4 py-2">{u.email}</td>
                <td className="px-4 py-2 tabular-nums">{u.createdAt.toISOString().slice(0, 10)}</td>
                <td className="px-4 py-2">
                  <RoleForm userId={u.id} email={u.email} role={isRole(u.role) ? u.role : "student"} disabled={u.id === admin.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
