import { z } from "zod";
import type { RunLimits } from "./types";

/** What a run gets when the caller asks for nothing. */
export const DEFAULT_LIMITS: RunLimits = {
  cpuMs: 2_000,
  wallMs: 5_000,
  memoryMb: 256,
  processes: 64,
  outputBytes: 8 * 1024 * 1024,
  fileSizeBytes: 16 * 1024 * 1024,
  openFiles: 64,
  tmpMb: 64,
};

/** The most any caller may ask for; the server may lower these, callers only below them. */
export const SERVER_MAXIMA: RunLimits = {
  cpuMs: 20_000,
  wallMs: 60_000,
  memoryMb: 2048,
  processes: 256,
  outputBytes: 64 * 1024 * 1024,
  fileSizeBytes: 256 * 1024 * 1024,
  openFiles: 1024,
  tmpMb: 512,
};

/** Limits for compiling: generous CPU, small output (the compiler message is capped). */
export const COMPILE_LIMITS: RunLimits = {
  cpuMs: 15_000,
  wallMs: 30_000,
  memoryMb: 512,
  processes: 64,
  outputBytes: 64 * 1024,
  fileSizeBytes: 64 * 1024 * 1024,
  openFiles: 128,
  tmpMb: 64,
};

const positiveInt = z.number().int().positive();

export const requestedLimitsSchema = z
  .object({
    cpuMs: positiveInt,
    wallMs: positiveInt,
    memoryMb: positiveInt,
    processes: positiveInt,
    outputBytes: positiveInt,
    fileSizeBytes: positiveInt,
    openFiles: positiveInt,
    tmpMb: positiveInt,
  })
  .partial()
  .strict();

export type RequestedLimits = z.infer<typeof requestedLimitsSchema>;

/**
 * Fill in defaults and clamp to the maxima. A request above a maximum is refused rather than
 * silently lowered, so a caller never believes it got more than it did.
 */
export function resolveLimits(
  requested: RequestedLimits = {},
  maxima: RunLimits = SERVER_MAXIMA,
  defaults: RunLimits = DEFAULT_LIMITS,
): RunLimits {
  const parsed = requestedLimitsSchema.parse(requested);
  const out = { ...defaults };
  for (const key of Object.keys(out) as (keyof RunLimits)[]) {
    const want = parsed[key];
    if (want !== undefined) {
      if (want > maxima[key]) throw new LimitTooHighError(key, want, maxima[key]);
      out[key] = want;
    } else {
      out[key] = Math.min(out[key], maxima[key]);
    }
  }
  return out;
}

export class LimitTooHighError extends Error {
  constructor(
    readonly limit: keyof RunLimits,
    readonly requested: number,
    readonly maximum: number,
  ) {
    super(`limit ${limit}=${requested} is above the server maximum ${maximum}`);
    this.name = "LimitTooHighError";
  }
}
