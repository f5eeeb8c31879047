import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, openSync, readFileSync, writeSync, closeSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const secretsSchema = z.object({ authSecret: z.string().min(32) });
export type Secrets = z.infer<typeof secretsSchema>;

/**
 * Reads `<dataDir>/secrets.json`, creating it (mode 0600) with fresh random secrets on first run.
 * The file is created with O_EXCL so two processes starting at once agree on one secret.
 * Secrets are never logged.
 */
export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = path.resolve(dataDir, "secrets.json");
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    const fd = openSync(file, "wx", 0o600);
    try {
      const secrets: Secrets = { authSecret: randomBytes(32).toString("base64url") };
      writeSync(fd, JSON.stringify(secrets, null, 2) + "\n");
      return secrets;
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  // Existing file: tighten permissions if someone loosened them.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  let data: unknown;
  for (let attempt = 0; ; attempt++) {
    const text = readFileSync(file, "utf8");
    try {
      data = JSON.parse(text);
      break;
    } catch {
      // Another process may be writing it right now.
      if (attempt >= 20) throw new Error("secrets.json is not valid JSON");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
  const parsed = secretsSchema.safeParse(data);
  if (!parsed.success) throw new Error("secrets.json has no valid authSecret");
  return parsed.data;
}
