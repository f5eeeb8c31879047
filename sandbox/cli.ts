/**
 * `npm run sandbox -- run --lang python --file prog.py [--stdin file] [--time 2] [--memory 256]
 * [--wall 5] [--backend docker|bubblewrap]`: runs one program in the sandbox, streams its
 * output, and prints the result record as one JSON object on the last line.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { LANGUAGE_IDS, Sandbox, SandboxUnavailableError, isLanguageId, type BackendChoice, type RequestedLimits } from "./index";

const USAGE = `usage: npm run sandbox -- run --lang <${LANGUAGE_IDS.join("|")}> --file <source> [--stdin <file>]
       [--time <cpu seconds>] [--wall <seconds>] [--memory <MiB>] [--backend auto|docker|bubblewrap]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function seconds(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} must be a positive number of seconds`);
  return Math.round(n * 1000);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      lang: { type: "string" },
      file: { type: "string" },
      stdin: { type: "string" },
      time: { type: "string" },
      wall: { type: "string" },
      memory: { type: "string" },
      backend: { type: "string", default: process.env.SANDBOX_BACKEND ?? "auto" },
    },
  });
  if (positionals[0] !== "run") fail("the only command is `run`");
  if (!values.lang || !isLanguageId(values.lang)) fail(`--lang must be one of ${LANGUAGE_IDS.join(", ")}`);
  if (!values.file) fail("--file is required");
  if (!["auto", "docker", "bubblewrap"].includes(values.backend!)) fail("--backend must be auto, docker or bubblewrap");
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      return fail(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  };
  const source = read(values.file, "source file").toString("utf8");
  const stdin = values.stdin ? read(values.stdin, "stdin file") : undefined;
  const limits: RequestedLimits = {};
  const cpuMs = seconds(values.time, "time");
  const wallMs = seconds(values.wall, "wall");
  if (cpuMs) {
    limits.cpuMs = cpuMs;
    limits.wallMs = wallMs ?? Math.max(5_000, cpuMs * 2 + 1_000);
  } else if (wallMs) limits.wallMs = wallMs;
  if (values.memory !== undefined) {
    const mb = Number(values.memory);
    if (!Number.isInteger(mb) || mb <= 0) fail("--memory must be a whole number of MiB");
    limits.memoryMb = mb;
  }

  let sandbox: Sandbox;
  try {
    sandbox = await Sandbox.create({ backend: values.backend as BackendChoice });
  } catch (error) {
    if (error instanceof SandboxUnavailableError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(3);
    }
    throw error;
  }
  const { run } = await sandbox.runOnce({
    language: values.lang,
    source,
    limits,
    stdin,
    onStdout: (chunk) => process.stdout.write(chunk),
    onStderr: (chunk) => process.stderr.write(chunk),
  });
  if (run.status === "CE") process.stderr.write(`${run.message}\n`);
  const { status, exitCode, signal, cpuMs: cpu, wallMs: wall, memoryKb, stdout, stderr, truncated, backend, message } = run;
  const record = { status, exitCode, signal, cpuMs: cpu, wallMs: wall, memoryKb, stdout, stderr, truncated, backend, message, enforcement: run.enforcement, imageDigest: run.imageDigest, policyVersion: run.policyVersion };
  process.stdout.write(`${run.stdout.endsWith("\n") || run.stdout === "" ? "" : "\n"}${JSON.stringify(record)}\n`);
  process.exitCode = status === "OK" ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${(error as Error).message}\n`);
  process.exit(1);
});
