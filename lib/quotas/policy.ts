/** The quota that applies to one user now: built-in default ← role row ← user row. */
import type { Db } from "../db";
import { DEFAULT_QUOTAS, QUOTA_FIELDS, type Quota, type Role } from "./defaults";

type Overrides = Partial<Record<keyof Quota, number | null>> | null;

export function mergeQuota(base: Quota, ...layers: Overrides[]): Quota {
  const out = { ...base };
  for (const layer of layers) {
    if (!layer) continue;
    for (const field of QUOTA_FIELDS) {
      const value = layer[field];
      if (typeof value === "number") out[field] = value;
    }
  }
  return out;
}

/** Read fresh on every call (two primary-key lookups), so admin changes apply at once. */
export async function effectiveQuota(db: Db, user: { id: string; role: Role }): Promise<Quota> {
  const [roleRow, userRow] = await Promise.all([
    db.roleQuota.findUnique({ where: { role: user.role } }),
    db.userQuota.findUnique({ where: { userId: user.id } }),
  ]);
  return mergeQuota(DEFAULT_QUOTAS[user.role], roleRow, userRow);
}
