// Node module-resolution hook: outside Next.js (the custom server, scripts run with tsx), the
// `server-only` marker package resolves to its empty module, as it does in Next's server build.
// Registered with `module.register()` by lib/node/register-server-only.mjs.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") {
    return { url: new URL("./server-only-empty.mjs", import.meta.url).href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
