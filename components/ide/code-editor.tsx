"use client";
import Editor, { loader, type BeforeMount, type OnMount } from "@monaco-editor/react";
import type * as Monaco from "monaco-editor";
import { registerCompletions } from "./completions";
import { useColorScheme } from "./use-color-scheme";

// Monaco is served by the app itself (public/monaco/vs, copied from node_modules/monaco-editor
// by scripts/copy-monaco.mjs): the loader's default is a public CDN, which must never be used.
export const MONACO_VS_PATH = "/monaco/vs";
loader.config({ paths: { vs: MONACO_VS_PATH } });

/** Monaco's themes with the app's surface colours (app/globals.css --card). */
function defineThemes(monaco: typeof Monaco) {
  monaco.editor.defineTheme("arbiter-light", { base: "vs", inherit: true, rules: [], colors: { "editor.background": "#ffffff" } });
  monaco.editor.defineTheme("arbiter-dark", {
    base: "vs-dark",
    inherit: true,
    rules: [],
    colors: { "editor.background": "#111827", "editor.lineHighlightBackground": "#1e293b", "editorGutter.background": "#111827" },
  });
}

export type EditorInstance = Monaco.editor.IStandaloneCodeEditor;

/**
 * Uncontrolled: Monaco owns the text (one model per `path`, created with `defaultValue`), so
 * fast typing is never overwritten by a stale React value. Change text through the editor
 * instance (onMount) and listen with onChange.
 */
export function CodeEditor({
  path,
  language,
  defaultValue,
  onChange,
  onMount,
}: {
  /** Model name, e.g. "playground/python.py": one model (and undo history) per language. */
  path: string;
  /** Monaco language id. */
  language: string;
  defaultValue: string;
  onChange(value: string): void;
  onMount?(editor: EditorInstance, monaco: typeof Monaco): void;
}) {
  const scheme = useColorScheme();
  const beforeMount: BeforeMount = (monaco) => {
    registerCompletions(monaco);
    defineThemes(monaco);
  };
  const mount: OnMount = (editor, monaco) => onMount?.(editor, monaco);
  return (
    <div className="h-full w-full" data-testid="editor">
      <Editor
        path={path}
        language={language}
        defaultValue={defaultValue}
        theme={scheme === "dark" ? "arbiter-dark" : "arbiter-light"}
        onChange={(v) => onChange(v ?? "")}
        beforeMount={beforeMount}
        onMount={mount}
        loading={<div className="p-4 text-sm text-muted">Loading the editor…</div>}
        options={{
          automaticLayout: true,
          fontSize: 14,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          tabSize: 4,
          insertSpaces: true,
          wordBasedSuggestions: "currentDocument",
          quickSuggestions: { other: true, comments: false, strings: false },
          fixedOverflowWidgets: true,
          renderLineHighlight: "line",
          padding: { top: 8 },
        }}
      />
    </div>
  );
}
