"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { ROLES } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/logger";

const changeRoleSchema = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(ROLES),
});

export type ChangeRoleState = { ok: boolean; message: string } | null;

/** Changes a user's role. The caller's role is re-checked here, on the server, on every call. */
export async function changeRole(_prev: ChangeRoleState, formData: FormData): Promise<ChangeRoleState> {
  const admin = await requireRole("admin");
  const parsed = changeRoleSchema.safeParse({ userId: formData.get("userId"), role: formData.get("role") });
  if (!parsed.success) return { ok: false, message: "Invalid request" };
  const { userId, role } = parsed.data;
  if (userId === admin.id) return { ok: false, message: "You cannot change your own role" };
  const target = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, role: true, email: true } });
  if (!target) return { ok: false, message: "No such user" };
  if (target.role === role) return { ok: true, message: "Unchanged" };
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { role } }),
    prisma.auditEvent.create({
      data: {
        actorId: admin.id,
        action: "user.role.change",
        targetType: "user",
        targetId: userId,
        data: JSON.stringify({ from: target.role, to: role }),
      },
    }),
  ]);
  logger.info({ component: "admin", actorId: admin.id, targetId: userId, from: target.role, to: role }, "role changed");
  revalidatePath("/admin/users");
  return { ok: true, message: `${target.email} is now ${role}` };
}
