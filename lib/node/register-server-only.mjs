// Import this first (or pass to `tsx --import`) in any Node entry point that loads lib/ modules
// marked with `import "server-only"` outside Next.js.
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
