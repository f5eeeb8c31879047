#!/usr/bin/env node
// Copies Monaco's AMD build (node_modules/monaco-editor/min/vs) to public/monaco/vs, where the
// IDE's loader finds it (components/ide/code-editor.tsx): the editor is served by the app and
// never from a CDN. Runs before `npm run dev` and `npm run build`; skipped when up to date.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const from = path.join(root, "node_modules", "monaco-editor", "min", "vs");
const to = path.join(root, "public", "monaco", "vs");
const stamp = path.join(root, "public", "monaco", ".version");
const version = JSON.parse(readFileSync(path.join(root, "node_modules", "monaco-editor", "package.json"), "utf8")).version;

if (!existsSync(from)) {
  console.error(`copy-monaco: ${from} is missing; run npm install`);
  process.exit(1);
}
if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === version && existsSync(path.join(to, "loader.js"))) {
  process.exit(0);
}
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
writeFileSync(stamp, `${version}\n`);
console.log(`copy-monaco: monaco-editor ${version} -> public/monaco/vs`);
