// What `npm run sandbox:image` (sandbox/images/build.ts) built, as recorded in
// /var/lib/arbiter/runner-image.json. The Docker and bubblewrap backends read it to find the
// runner image and the unpacked root filesystem.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const RUNNER_IMAGE_INFO_PATH = '/var/lib/arbiter/runner-image.json';

export const RunnerImageInfoSchema = z.object({
  /** Hash of packages.txt, build options, customize hook and supervisor binary (16 hex). */
  hash: z.string().regex(/^[0-9a-f]{16,64}$/),
  /** e.g. "arbiter-runner:3f2c…"; null when no Docker daemon answered at build time. */
  dockerImage: z.string().min(1).nullable(),
  /** Image ID ("sha256:…") of dockerImage; null without Docker. */
  dockerImageId: z.string().regex(/^sha256:[0-9a-f]{64}$/).nullable(),
  /** Unpacked root filesystem for bubblewrap (root-owned; bind it read-only). */
  rootfsDir: z.string().min(1),
  /** Every Debian package in the image: name -> exact version. */
  packages: z.record(z.string(), z.string()),
  /** ISO 8601 time of the build. */
  builtAt: z.string().min(1),
  /** Hash of the base root filesystem alone (no supervisor). */
  baseHash: z.string().optional(),
  /** sha256 of /opt/arbiter/supervisor. */
  supervisorSha256: z.string().optional(),
  /** True when the supervisor is the stand-in built by --placeholder-supervisor. */
  supervisorPlaceholder: z.boolean().optional(),
  /** Docker image size in bytes. */
  dockerImageSize: z.number().int().nonnegative().nullable().optional(),
  /** Symlink that points at rootfsDir (…/rootfs/current). */
  rootfsCurrent: z.string().optional(),
});

export type RunnerImageInfo = z.infer<typeof RunnerImageInfoSchema>;

/**
 * Reads and validates the runner image record. Returns null when it is missing or invalid
 * (the image has not been built: run `npm run sandbox:image`). The path can be overridden with
 * ARBITER_RUNNER_IMAGE_INFO.
 */
export function readRunnerImageInfo(
  path: string = process.env.ARBITER_RUNNER_IMAGE_INFO ?? RUNNER_IMAGE_INFO_PATH,
): RunnerImageInfo | null {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = RunnerImageInfoSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}
