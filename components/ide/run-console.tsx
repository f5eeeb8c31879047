"use client";
import "@xterm/xterm/css/xterm.css";
import type { ITheme, Terminal } from "@xterm/xterm";
import { useEffect, useImperativeHandle, useRef, type Ref } from "react";
import { LineDiscipline } from "./line-discipline";
import { useColorScheme } from "./use-color-scheme";

export interface RunConsoleHandle {
  reset(): void;
  /** Program output (already sanitised on the server: text and SGR colours only). */
  write(stream: "stdout" | "stderr", data: string, onRendered?: () => void): void;
  /** A line from the IDE itself (status, errors), dimmed or coloured. */
  notice(text: string, kind: "info" | "error" | "ok" | "warn"): void;
  focus(): void;
  /** The visible text (for tests and screen readers). */
  text(): string;
}

const THEMES: Record<"light" | "dark", ITheme> = {
  light: {
    background: "#ffffff",
    foreground: "#0f172a",
    cursor: "#4f46e5",
    selectionBackground: "#c7d2fe",
    red: "#b91c1c",
    brightRed: "#dc2626",
    green: "#15803d",
    yellow: "#a16207",
    blue: "#1d4ed8",
    cyan: "#0e7490",
    brightBlack: "#64748b",
  },
  dark: {
    background: "#111827",
    foreground: "#e2e8f0",
    cursor: "#818cf8",
    selectionBackground: "#334155",
    red: "#f87171",
    brightRed: "#fca5a5",
    green: "#4ade80",
    yellow: "#facc15",
    blue: "#93c5fd",
    cyan: "#67e8f9",
    brightBlack: "#94a3b8",
  },
};

const NOTICE_COLOUR = { info: "90", error: "91", ok: "32", warn: "33" } as const;

/**
 * The terminal-like console (xterm.js). Output is written as terminal text, never as HTML.
 * stderr is red. Typing goes through a line discipline (echo, Backspace, Enter sends a line,
 * Ctrl+D end of input, Ctrl+C stop) to `onInput` / `onEof` / `onInterrupt`.
 */
export function RunConsole({
  ref,
  onInput,
  onEof,
  onInterrupt,
  acceptsInput,
}: {
  ref?: Ref<RunConsoleHandle>;
  onInput(data: string): void;
  onEof(): void;
  onInterrupt(): void;
  /** Whether typing goes to a program now (an interactive run is going). */
  acceptsInput: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const pending = useRef<string[]>([]);
  const discipline = useRef(new LineDiscipline());
  const scheme = useColorScheme();
  const callbacks = useRef({ onInput, onEof, onInterrupt, acceptsInput });
  useEffect(() => {
    callbacks.current = { onInput, onEof, onInterrupt, acceptsInput };
    if (!acceptsInput) discipline.current.reset();
  });

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]);
      if (disposed || !host.current) return;
      const t = new Terminal({
        convertEol: true,
        cursorBlink: false,
        cursorStyle: "bar",
        fontFamily: 'ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace',
        fontSize: 13,
        scrollback: 5000,
        allowProposedApi: false,
        theme: THEMES[window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"],
      });
      const fit = new FitAddon();
      t.loadAddon(fit);
      t.open(host.current);
      // Links, OSC and other escape sequences never reach here (sanitised on the server); the
      // terminal also gets no way to answer queries back to the program.
      t.attachCustomKeyEventHandler((e) => {
        if (e.type !== "keydown") return true;
        // Let the IDE's shortcuts (Ctrl/Cmd+Enter, Esc) reach the window handler.
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) return false;
        if (e.key === "Escape") return false;
        return true;
      });
      t.onData((data) => {
        const cb = callbacks.current;
        if (!cb.acceptsInput) return;
        const ev = discipline.current.feed(data);
        if (ev.echo) t.write(`\x1b[36m${ev.echo}\x1b[0m`);
        for (const chunk of ev.send) cb.onInput(chunk);
        if (ev.eof) cb.onEof();
        if (ev.interrupt) cb.onInterrupt();
      });
      const observer = new ResizeObserver(() => {
        try {
          fit.fit();
        } catch {
          /* hidden */
        }
      });
      observer.observe(host.current);
      fit.fit();
      term.current = t;
      for (const chunk of pending.current.splice(0)) t.write(chunk);
      cleanup = () => {
        observer.disconnect();
        t.dispose();
        term.current = null;
      };
    })();
    return () => {
      disposed = true;
      cleanup();
    };
  }, []);

  useEffect(() => {
    if (term.current) term.current.options.theme = THEMES[scheme];
  }, [scheme]);

  useImperativeHandle(
    ref,
    () => {
      const write = (s: string, cb?: () => void) => {
        if (term.current) term.current.write(s, cb);
        else {
          pending.current.push(s);
          cb?.();
        }
      };
      return {
        reset() {
          discipline.current.reset();
          pending.current = [];
          term.current?.reset();
        },
        write(stream, data, onRendered) {
          write(stream === "stderr" ? `\x1b[91m${data}\x1b[0m` : data, onRendered);
        },
        notice(text, kind) {
          write(`\x1b[${NOTICE_COLOUR[kind]}m${text}\x1b[0m\n`);
        },
        focus() {
          term.current?.focus();
        },
        text() {
          const t = term.current;
          if (!t) return pending.current.join("");
          const lines: string[] = [];
          const buf = t.buffer.active;
          for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i)?.translateToString(true) ?? "");
          return lines.join("\n").trimEnd();
        },
      };
    },
    [],
  );

  return <div ref={host} role="region" aria-label="Program console: output, and typed input while a program runs" className="h-full w-full overflow-hidden px-2 pt-1" data-testid="console" data-accepts-input={acceptsInput ? "true" : "false"} />;
}
