"use client";
/** Expected vs actual output side by side (Monaco's diff editor, served by the app itself). */
import { DiffEditor, loader } from "@monaco-editor/react";
import { MONACO_VS_PATH } from "@/components/ide/code-editor";
import { useColorScheme } from "@/components/ide/use-color-scheme";

loader.config({ paths: { vs: MONACO_VS_PATH } });

export function OutputDiff({ expected, actual }: { expected: string; actual: string }) {
  const scheme = useColorScheme();
  const lines = Math.min(24, Math.max(expected.split("\n").length, actual.split("\n").length) + 1);
  return (
    <div className="overflow-hidden rounded-md border border-border" style={{ height: `${lines * 19 + 10}px` }} data-testid="output-diff">
      <DiffEditor
        original={expected}
        modified={actual}
        language="plaintext"
        theme={scheme === "dark" ? "vs-dark" : "vs"}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          renderWhitespace: "trailing",
          fontSize: 13,
          automaticLayout: true,
        }}
      />
    </div>
  );
}
