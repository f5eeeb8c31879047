import { rmSync } from "node:fs";

/** Removes this run's database directory (keep it with E2E_KEEP_DB=1). */
export default function globalTeardown() {
  const id = process.env.E2E_RUN_ID;
  if (!id || process.env.E2E_KEEP_DB === "1") return;
  rmSync(`./data/e2e-${id}`, { recursive: true, force: true });
}
