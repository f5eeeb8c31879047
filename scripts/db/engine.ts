// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), driven over driver
// adapters. The prisma 7 CLI only knows the native engine, which cannot be downloaded offline.
// Internal API: pinned to the wasm build the prisma 7.10.0 CLI ships; db.test.ts guards upgrades.
import { readFile } from 'node:fs/promises';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { DbToolError, cleanEngineMessage } from './errors.ts';
import type { MigrationAdapter } from './adapters.ts';

export type { SchemaEngine };

let loaded: Promise<typeof wasmBindings> | undefined;
const engineTimers = new Set<ReturnType<typeof setTimeout>>();
let activeEngines = 0;

/** Instantiate the wasm module once per process (5 MB, ~0.2 s). */
function loadWasm(): Promise<typeof wasmBindings> {
  return (loaded ??= (async () => {
    // The engine reports Rust panics here; without it a panic is a bare "unreachable".
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { message: string; set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: '',
      set_message(m: string) {
        this.message = `RuntimeError: ${m}`;
      },
    };
    // The package's own entry imports the .wasm as an ES module (needs --experimental-wasm-modules).
    const wasmUrl = new URL('schema_engine_bg.wasm', import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const imports: WebAssembly.ModuleImports = { ...(wasmBindings as unknown as WebAssembly.ModuleImports) };
    // The engine races PostgreSQL's advisory lock against a 10 s setTimeout it never clears, which
    // keeps a process alive 10 s after deploy. Track its timers so withEngine() can clear them.
    for (const key of Object.keys(imports).filter((k) => k.startsWith('__wbg_setTimeout_'))) {
      imports[key] = (fn: () => void, ms: number) => {
        const t = setTimeout(() => {
          engineTimers.delete(t);
          fn();
        }, ms >>> 0);
        engineTimers.add(t);
        return t;
      };
    }
    const { instance } = await WebAssembly.instantiate(await readFile(wasmUrl), { './schema_engine_bg.js': imports });
    wasmBindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return wasmBindings;
  })());
}

/** An engine call failed; `detail` is the engine/driver message alone. */
export class EngineError extends DbToolError {
  migration?: string;
  constructor(message: string, readonly detail: string, readonly code?: string) {
    super(message);
  }
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };

export interface EngineSession {
  engine: SchemaEngine;
  /** Run an engine call, turning its errors into readable DbToolErrors. */
  call<T>(what: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T>;
}

/**
 * Open an engine on `adapter`, run `fn`, then free the engine and close every connection (SQLite
 * file handle, PostgreSQL pool and advisory lock, shadow databases) whatever happens.
 */
export async function withEngine<T>(
  adapter: MigrationAdapter,
  datamodels: [path: string, content: string][] | undefined,
  fn: (s: EngineSession) => Promise<T>,
): Promise<T> {
  const bindings = await loadWasm();
  const wrap = (what: string, e: unknown): unknown => {
    if (!(e instanceof Error) || e instanceof DbToolError) return e;
    const code = (e as { code?: string }).code;
    const msg = cleanEngineMessage(e.message, (id) => adapter.externalError(id)).replace(/^external connector error\n/, '');
    const err = new EngineError(`${what} failed${code ? ` (${code})` : ''}: ${msg}`, msg, code);
    // The span trace names the migration being applied (PostgreSQL; not always present on SQLite).
    err.migration = e.message.match(/migration_name="([^"]+)"/)?.[1];
    return err;
  };
  let engine: SchemaEngine | undefined;
  activeEngines++;
  try {
    try {
      engine = await bindings.SchemaEngine.new({ datamodels }, () => {}, adapter.factory);
    } catch (e) {
      throw wrap('starting the schema engine', e);
    }
    const e = engine;
    return await fn({
      engine: e,
      call: async (what, f) => {
        try {
          return await f(e);
        } catch (err) {
          throw wrap(what, err);
        }
      },
    });
  } finally {
    engine?.free();
    await adapter.close();
    // Leftover engine timers only matter to a running engine call; none is running now.
    if (--activeEngines === 0) for (const t of engineTimers) clearTimeout(t);
    if (activeEngines === 0) engineTimers.clear();
  }
}
