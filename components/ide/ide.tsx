"use client";
import "./ide.css";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { RunExitResult, RunLanguage } from "@/lib/runs/protocol";
import { CodeEditor, type EditorInstance } from "./code-editor";
import { summarizeExit, STATUS_TEXT } from "./format";
import { IdeContext, type IdeContextValue, type SubmitHandler } from "./ide-context";
import { IDE_LANGUAGES } from "./languages";
import { RunClient, type RunPhase } from "./run-client";
import { RunConsole, type RunConsoleHandle } from "./run-console";
import { Split } from "./split";
import { announceUsageChanged, blockedReason, UsageMeter, useUsage } from "@/components/usage-meter";

export type DraftMap = Partial<Record<RunLanguage, { code: string; updatedAt: string }>>;

export interface IdeProps {
  /** The problem (runs are checked against its allowed languages; drafts are per problem); absent = playground. */
  problemSlug?: string;
  /** Languages offered, in order. */
  languages: RunLanguage[];
  /** The problem's starter code per language (else a short template). */
  starterCode?: Partial<Record<RunLanguage, string>>;
  /** The user's saved drafts (loaded by the page). */
  initialDrafts?: DraftMap;
  /** Submit action (problem pages); also bound to Ctrl/Cmd+Shift+Enter. */
  onSubmit?: SubmitHandler;
  /** Rendered below the console (e.g. the judge's submission panel; it may call useIdeSubmit()). */
  submitPanel?: ReactNode;
  children?: ReactNode;
}

type SaveState = "saved" | "saving" | "unsaved" | "error";

declare global {
  interface Window {
    /** Test and benchmark hooks. */
    __arbiterIde?: {
      getSource(): string;
      setSource(code: string): void;
      consoleText(): string;
      stats: { clickAt: number | null; firstOutputAt: number | null; firstRenderedAt: number | null };
    };
  }
}

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function Ide({ problemSlug, languages, starterCode = {}, initialDrafts = {}, onSubmit, submitPanel, children }: IdeProps) {
  const starter = useCallback((lang: RunLanguage) => starterCode[lang] ?? IDE_LANGUAGES[lang].template, [starterCode]);
  const [language, setLanguage] = useState<RunLanguage>(() => {
    // The most recently edited draft's language, else the first offered one.
    const drafted = languages
      .filter((l) => initialDrafts[l])
      .sort((a, b) => initialDrafts[b]!.updatedAt.localeCompare(initialDrafts[a]!.updatedAt));
    return drafted[0] ?? languages[0] ?? "python";
  });
  // The editor owns the text (one model per language); this ref mirrors it for Run/Submit/drafts.
  const [initialCodes] = useState<Partial<Record<RunLanguage, string>>>(() =>
    Object.fromEntries(languages.map((l) => [l, initialDrafts[l]?.code ?? starter(l)])),
  );
  const codes = useRef<Partial<Record<RunLanguage, string>>>({ ...initialCodes });
  const suppressSave = useRef(false);
  const [stdinBox, setStdinBox] = useState("");
  const [phase, setPhase] = useState<RunPhase>("idle");
  const [interactive, setInteractive] = useState(false);
  const [connected, setConnected] = useState(false);
  const [result, setResult] = useState<RunExitResult | null>(null);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  const [submitting, setSubmitting] = useState(false);
  const [registeredSubmit, setRegisteredSubmit] = useState<SubmitHandler | null>(null);
  const consoleRef = useRef<RunConsoleHandle>(null);
  const editorRef = useRef<EditorInstance | null>(null);
  const clientRef = useRef<RunClient | null>(null);
  const stats = useRef({ clickAt: null as number | null, firstOutputAt: null as number | null, firstRenderedAt: null as number | null });
  const latest = useRef({ language });
  useEffect(() => {
    latest.current = { language };
  });
  const currentSource = () => codes.current[latest.current.language] ?? "";

  // --- the run connection --------------------------------------------------------------
  useEffect(() => {
    const client = new RunClient(`arbiter.run:${problemSlug ?? "playground"}`, {
      onPhase(p, info) {
        setPhase(p);
        setInteractive(info.interactive);
        if (p === "running") consoleRef.current?.focus();
      },
      onConnection: setConnected,
      onReset() {
        setResult(null);
        consoleRef.current?.reset();
      },
      onOutput(stream, data) {
        const s = stats.current;
        if (s.firstOutputAt === null) {
          s.firstOutputAt = performance.now();
          consoleRef.current?.write(stream, data, () => (s.firstRenderedAt ??= performance.now()));
        } else consoleRef.current?.write(stream, data);
      },
      onExit(r) {
        setResult(r);
        announceUsageChanged();
        const c = consoleRef.current;
        if (!c) return;
        if (r.status === "CE" && r.message) c.write("stderr", `${r.message}\n`);
        if (r.truncated || r.status === "OLE") c.notice("[output truncated: the output limit was reached]", "warn");
        const kind = r.status === "OK" ? "ok" : r.status === "STOPPED" ? "info" : "error";
        const why = r.status !== "OK" && r.status !== "CE" && r.message ? ` — ${r.message}` : "";
        c.notice(`\n── ${summarizeExit(r)}${why}`, kind);
      },
      onNotice(text, kind) {
        consoleRef.current?.notice(text, kind);
        if (kind === "error") announceUsageChanged(); // e.g. a quota refusal: refresh the meter
      },
    });
    clientRef.current = client;
    client.connect();
    return () => {
      client.close();
      clientRef.current = null;
    };
  }, [problemSlug]);

  const run = useCallback(
    (clickAt?: number) => {
      const client = clientRef.current;
      if (!client) return;
      stats.current = { clickAt: clickAt ?? performance.now(), firstOutputAt: null, firstRenderedAt: null };
      const lang = latest.current.language;
      client.start({ language: lang, source: currentSource(), stdin: stdinBox.length > 0 ? stdinBox : undefined, problemSlug });
    },
    [stdinBox, problemSlug],
  );
  const stop = useCallback(() => clientRef.current?.stop(), []);

  const submitHandler = onSubmit ?? registeredSubmit;
  const submit = useCallback(async () => {
    if (!submitHandler || submitting) return;
    setSubmitting(true);
    try {
      await submitHandler(latest.current.language, currentSource());
    } finally {
      setSubmitting(false);
    }
  }, [submitHandler, submitting]);

  // --- keyboard: Ctrl/Cmd+Enter run, Ctrl/Cmd+Shift+Enter submit, Esc stop ----------------
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (e.key === "Enter" && mod) {
        e.preventDefault();
        e.stopPropagation(); // capture phase: Monaco never sees it (no extra line)
        if (e.shiftKey) void submit();
        else run(e.timeStamp);
      } else if (e.key === "Escape" && clientRef.current && clientRef.current.currentPhase !== "idle") {
        stop();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [run, stop, submit]);

  // --- drafts: debounced autosave ---------------------------------------------------------
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = useRef<{ language: RunLanguage; code: string } | null>(null);
  const flushSave = useCallback(
    async (keepalive = false) => {
      clearTimeout(saveTimer.current);
      const item = dirty.current;
      if (!item) return;
      dirty.current = null;
      setSaveState("saving");
      try {
        const res = await fetch("/api/drafts", {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ problem: problemSlug ?? null, language: item.language, code: item.code }),
          keepalive,
        });
        setSaveState(res.ok ? (dirty.current ? "unsaved" : "saved") : "error");
      } catch {
        setSaveState("error");
      }
    },
    [problemSlug],
  );
  const onChange = (value: string) => {
    codes.current[language] = value;
    if (suppressSave.current) return;
    if (dirty.current && dirty.current.language !== language) void flushSave();
    dirty.current = { language, code: value };
    setSaveState("unsaved");
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void flushSave(), 1000);
  };
  useEffect(() => {
    const onHide = () => void flushSave(true);
    window.addEventListener("pagehide", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      onHide();
    };
  }, [flushSave]);

  const changeLanguage = (next: RunLanguage) => {
    void flushSave();
    setLanguage(next);
  };

  const reset = async () => {
    if (!window.confirm(`Replace your ${IDE_LANGUAGES[language].label} code with the starter code? Your draft is deleted.`)) return;
    clearTimeout(saveTimer.current);
    dirty.current = null;
    codes.current[language] = starter(language);
    suppressSave.current = true;
    try {
      editorRef.current?.setValue(starter(language));
    } finally {
      suppressSave.current = false;
    }
    setSaveState("saving");
    const res = await fetch("/api/drafts", {
      method: "DELETE",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ problem: problemSlug ?? null, language }),
    }).catch(() => null);
    setSaveState(res?.ok ? "saved" : "error");
  };

  // --- test/bench hooks -------------------------------------------------------------------
  useEffect(() => {
    window.__arbiterIde = {
      getSource: () => editorRef.current?.getValue() ?? currentSource(),
      setSource: (c) => editorRef.current?.setValue(c),
      consoleText: () => consoleRef.current?.text() ?? "",
      get stats() {
        return stats.current;
      },
    };
    return () => {
      delete window.__arbiterIde;
    };
  }, []);

  const ctx = useMemo<IdeContextValue>(
    () => ({
      problemSlug: problemSlug ?? null,
      language,
      getSource: currentSource,
      registerSubmit(handler) {
        setRegisteredSubmit(() => handler);
        return () => setRegisteredSubmit((h: SubmitHandler | null) => (h === handler ? null : h));
      },
    }),
    [problemSlug, language],
  );

  const mod = isMac() ? "⌘" : "Ctrl";
  const busy = phase !== "idle";
  const usage = useUsage();
  const runBlocked = blockedReason(usage, "run", { replacingRun: busy });
  const submitBlocked = blockedReason(usage, "submit");
  const panel = submitPanel ?? children;

  const toolbar = (
    <div className="flex flex-wrap items-center gap-2 border-b border-border px-2 py-1.5">
      <label className="sr-only" htmlFor="ide-language">
        Language
      </label>
      <select
        id="ide-language"
        data-testid="language"
        value={language}
        onChange={(e) => changeLanguage(e.target.value as RunLanguage)}
        className="rounded-md border border-border bg-bg px-2 py-1 text-sm"
      >
        {languages.map((l) => (
          <option key={l} value={l}>
            {IDE_LANGUAGES[l].label}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid="run"
        onClick={(e) => run(e.timeStamp)}
        disabled={runBlocked !== null}
        title={runBlocked ?? `Run (${mod}+Enter)`}
        className="inline-flex items-center gap-1.5 rounded-md bg-accent px-3 py-1 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-50"
      >
        <span aria-hidden>▶</span> Run
      </button>
      <button
        type="button"
        data-testid="stop"
        onClick={stop}
        disabled={!busy}
        title="Stop (Esc)"
        className="inline-flex items-center gap-1.5 rounded-md border border-border px-3 py-1 text-sm font-medium hover:bg-code disabled:opacity-40"
      >
        <span aria-hidden>■</span> Stop
      </button>
      {submitHandler && (
        <button
          type="button"
          data-testid="submit"
          onClick={() => void submit()}
          disabled={submitting || submitBlocked !== null}
          title={submitBlocked ?? `Submit (${mod}+Shift+Enter)`}
          className="inline-flex items-center gap-1.5 rounded-md border border-accent px-3 py-1 text-sm font-medium text-accent hover:bg-accent hover:text-accent-fg disabled:opacity-50"
        >
          Submit
        </button>
      )}
      {(runBlocked ?? submitBlocked) && (
        <span data-testid="quota-blocked" className="text-xs text-red-600">
          {runBlocked ?? submitBlocked}
        </span>
      )}
      <span className="ml-auto flex items-center gap-3 text-xs text-muted">
        <UsageMeter usage={usage} />
        <span data-testid="save-state" data-state={saveState}>
          {saveState === "saved" ? "Draft saved" : saveState === "saving" ? "Saving…" : saveState === "unsaved" ? "Unsaved changes" : "Draft not saved"}
        </span>
        <button type="button" data-testid="reset" onClick={() => void reset()} className="rounded px-1.5 py-0.5 hover:bg-code hover:text-fg">
          Reset to starter code
        </button>
      </span>
    </div>
  );

  const statusLine = (
    <div className="flex items-center gap-2 border-b border-border px-2 py-1 text-xs">
      <span className="font-medium">Console</span>
      <span
        data-testid="run-status"
        data-phase={phase}
        data-status={result?.status ?? ""}
        className={`shrink-0 whitespace-nowrap rounded-full px-2 py-0.5 font-medium ${
          phase !== "idle"
            ? "bg-accent/15 text-accent"
            : result?.status === "OK"
              ? "bg-green-500/15 text-green-700 dark:text-green-400"
              : result
                ? "bg-red-500/15 text-red-700 dark:text-red-400"
                : "bg-code text-muted"
        }`}
      >
        {phase === "starting" ? "Starting…" : phase === "running" ? (interactive ? "Running · type input below" : "Running…") : result ? STATUS_TEXT[result.status] : "Ready"}
      </span>
      {result && phase === "idle" && (
        <span data-testid="run-summary" className="truncate text-muted">
          {summarizeExit(result)}
        </span>
      )}
      {!connected && <span className="ml-auto text-amber-600 dark:text-amber-400">reconnecting…</span>}
    </div>
  );

  const consolePane = (
    <div className="flex h-full flex-col">
      {statusLine}
      <div className="min-h-0 flex-1" onClick={() => consoleRef.current?.focus()}>
        <RunConsole
          ref={consoleRef}
          acceptsInput={phase === "running" && interactive}
          onInput={(d) => clientRef.current?.stdin(d)}
          onEof={() => clientRef.current?.eof()}
          onInterrupt={stop}
        />
      </div>
    </div>
  );

  const inputPane = (
    <div className="flex h-full flex-col">
      <label htmlFor="ide-stdin" className="border-b border-border px-2 py-1 text-xs font-medium">
        Custom input <span className="font-normal text-muted">(optional; empty = type into the console)</span>
      </label>
      <textarea
        id="ide-stdin"
        data-testid="stdin"
        value={stdinBox}
        onChange={(e) => setStdinBox(e.target.value)}
        spellCheck={false}
        className="min-h-0 flex-1 resize-none bg-transparent p-2 font-mono text-sm outline-none"
        placeholder="Input for the whole run, e.g. 1 2"
      />
    </div>
  );

  return (
    <IdeContext.Provider value={ctx}>
      <div className="ide flex h-full min-h-0 flex-col overflow-hidden rounded-lg border border-border bg-card" data-testid="ide">
        {toolbar}
        <Split
          direction="vertical"
          initial={0.6}
          min={0.15}
          storageKey="arbiter.split.editor"
          label="Resize editor and console"
          className="min-h-0 flex-1"
          first={
            <CodeEditor
              path={`${problemSlug ?? "playground"}/${language}`}
              language={IDE_LANGUAGES[language].monaco}
              defaultValue={initialCodes[language] ?? starter(language)}
              onChange={onChange}
              onMount={(editor) => {
                editorRef.current = editor;
              }}
            />
          }
          second={
            <div className="flex h-full flex-col border-t border-border">
              <Split
                direction="horizontal"
                initial={0.7}
                min={0.2}
                storageKey="arbiter.split.console"
                label="Resize console and input"
                className="min-h-0 flex-1"
                first={consolePane}
                second={<div className="h-full border-l border-border">{inputPane}</div>}
              />
              {panel && <div className="max-h-[40%] shrink-0 overflow-auto border-t border-border">{panel}</div>}
            </div>
          }
        />
      </div>
    </IdeContext.Provider>
  );
}
