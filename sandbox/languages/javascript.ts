import { defineLanguage } from "./base";

export default defineLanguage({
  id: "javascript",
  name: "JavaScript (Node.js)",
  monaco: "javascript",
  sourceFile: "main.js",
  // A syntax check before running, like a compile step.
  compile: ["node", "--check", "main.js"],
  run: ["node", "main.js"],
  // libuv's thread pool would otherwise start 4 threads against the process limit.
  env: { UV_THREADPOOL_SIZE: "1", NODE_DISABLE_COLORS: "1" },
  version: ["node", "--version"],
  selfTest: "process.stdin.pipe(process.stdout);\n",
});
