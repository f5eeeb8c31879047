import "server-only";
import { Sandbox, SandboxUnavailableError } from "@/sandbox";
import { getEnv } from "./env";
import { logger } from "./logger";

/**
 * The web process's one Sandbox. Created on first use (and at start-up by server.ts, so a
 * broken host is reported before anyone clicks Run). If no backend works, every caller gets
 * the SandboxUnavailableError with its how-to-fix message: code is never run unsandboxed.
 */
let instance: Promise<Sandbox> | undefined;

export function getSandbox(): Promise<Sandbox> {
  instance ??= createSandbox().catch((error: unknown) => {
    instance = undefined; // try again next time: the admin may have fixed the host
    throw error;
  });
  return instance;
}

async function createSandbox(): Promise<Sandbox> {
  const env = getEnv();
  const log = logger.child({ component: "sandbox" });
  const sandbox = await Sandbox.create({ backend: env.sandboxBackend, logger: log, warmBoxes: 1 });
  const failed = (await sandbox.selfTest()).filter((t) => !t.ok);
  if (failed.length > 0) {
    await sandbox.close();
    throw new SandboxUnavailableError(
      `sandbox self-test failed for ${failed.map((t) => `${t.language} (${t.detail})`).join(", ")}; run \`npm run sandbox:doctor\``,
    );
  }
  return sandbox;
}

export async function closeSandbox(): Promise<void> {
  const current = instance;
  instance = undefined;
  await current?.then((s) => s.close()).catch(() => {});
}

export { SandboxUnavailableError };
