/**
 * Writes one benchmark's section of BENCHMARKS.md (between `<!-- bench:NAME -->` markers),
 * leaving the other benchmarks' sections as they are.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const FILE = path.resolve(import.meta.dirname, "..", "BENCHMARKS.md");
const HEADER = `# Benchmarks

Ratios measured side by side in one run on the same machine; regenerate with the \`npm run
bench:*\` command named in each section. Absolute times depend on the machine; the ratios are
what the targets are about.
`;

export function writeBenchmarkSection(name: string, body: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const stamp = `_Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}, Node ${process.version}._`;
  const section = `${start}\n${body.trim()}\n\n${stamp}\n${end}`;
  let text = existsSync(FILE) ? readFileSync(FILE, "utf8") : HEADER;
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(FILE, text);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
