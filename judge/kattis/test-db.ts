/** A fresh migrated SQLite database for judge/kattis tests (mock "server-only" in the test file). */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPrismaClient, type Db } from "../../lib/db";
import { deployMigrations } from "../../scripts/db/index";

export async function freshDb(): Promise<{ db: Db; url: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "arbiter-kattis-"));
  const url = `file:${path.join(dir, "test.db")}`;
  await deployMigrations(url);
  const db = createPrismaClient(url);
  return {
    db,
    url,
    cleanup: async () => {
      await db.$disconnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

