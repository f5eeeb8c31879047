"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { ROLES } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/logger";
import { QUOTA_FIELDS } from "@/lib/quotas/defaults";
import { resetUsage } from "@/lib/quotas/service";

/** A form field: blank means "inherit" (null), otherwise a whole number ≥ 0. */
const limitField = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 1e12) {
      ctx.addIssue({ code: "custom", message: `"${v}" is not a whole number ≥ 0` });
      return z.NEVER;
    }
    return n;
  });

function readLimits(formData: FormData, prefix: string): Record<(typeof QUOTA_FIELDS)[number], number | null> | string {
  const out = {} as Record<(typeof QUOTA_FIELDS)[number], number | null>;
  for (const field of QUOTA_FIELDS) {
    const parsed = limitField.safeParse(String(formData.get(`${prefix}${field}`) ?? ""));
    if (!parsed.success) return `${field}: ${parsed.error.issues[0]?.message ?? "invalid"}`;
    out[field] = parsed.data;
  }
  return out;
}

export type QuotaFormState = { ok: boolean; message: string } | null;

async function audit(actorId: string, action: string, targetType: string, targetId: string, data: unknown) {
  await prisma.auditEvent.create({ data: { actorId, action, targetType, targetId, data: JSON.stringify(data) } });
  logger.info({ component: "admin", actorId, action, targetType, targetId }, "quota changed");
}

/** Saves the limits of every role (blank = the built-in default). */
export async function saveRoleQuotas(_prev: QuotaFormState, formData: FormData): Promise<QuotaFormState> {
  const admin = await requireRole("admin");
  for (const role of ROLES) {
    const limits = readLimits(formData, `${role}.`);
    if (typeof limits === "string") return { ok: false, message: `${role} ${limits}` };
    await prisma.roleQuota.upsert({ where: { role }, create: { role, ...limits }, update: limits });
    await audit(admin.id, "quota.role.set", "role", role, limits);
  }
  revalidatePath("/admin/quotas");
  return { ok: true, message: "Role limits saved; they apply to the next request" };
}

/** Sets one user's overrides (blank = the role's value). */
export async function saveUserQuota(_prev: QuotaFormState, formData: FormData): Promise<QuotaFormState> {
  const admin = await requireRole("admin");
  const email = z.string().trim().toLowerCase().email().safeParse(formData.get("email"));
  if (!email.success) return { ok: false, message: "Enter the user's email address" };
  const user = await prisma.user.findUnique({ where: { email: email.data }, select: { id: true } });
  if (!user) return { ok: false, message: `No user with email ${email.data}` };
  const limits = readLimits(formData, "");
  if (typeof limits === "string") return { ok: false, message: limits };
  const note = String(formData.get("note") ?? "").slice(0, 500) || null;
  await prisma.userQuota.upsert({ where: { userId: user.id }, create: { userId: user.id, note, ...limits }, update: { note, ...limits } });
  await audit(admin.id, "quota.user.set", "user", user.id, limits);
  revalidatePath("/admin/quotas");
  return { ok: true, message: `Overrides saved for ${email.data}` };
}

const userIdSchema = z.string().min(1).max(100);

export async function removeUserQuota(formData: FormData): Promise<void> {
  const admin = await requireRole("admin");
  const userId = userIdSchema.parse(formData.get("userId"));
  await prisma.userQuota.deleteMany({ where: { userId } });
  await audit(admin.id, "quota.user.remove", "user", userId, null);
  revalidatePath("/admin/quotas");
}

export async function resetUserUsage(formData: FormData): Promise<void> {
  const admin = await requireRole("admin");
  const userId = userIdSchema.parse(formData.get("userId"));
  await resetUsage(prisma, userId);
  await audit(admin.id, "quota.usage.reset", "user", userId, null);
  revalidatePath("/admin/quotas");
}
