"use client";
import { createContext, useContext, useEffect } from "react";
import type { RunLanguage } from "@/lib/runs/protocol";

export type SubmitHandler = (language: RunLanguage, source: string) => void | Promise<void>;

export interface IdeContextValue {
  problemSlug: string | null;
  language: RunLanguage;
  /** The editor's current text. */
  getSource(): string;
  /** A component in the submit slot makes the Submit button (and Ctrl/Cmd+Shift+Enter) call `handler`. */
  registerSubmit(handler: SubmitHandler): () => void;
}

export const IdeContext = createContext<IdeContextValue | null>(null);

/** For components rendered inside <Ide> (e.g. the judge's submit panel). */
export function useIde(): IdeContextValue {
  const ctx = useContext(IdeContext);
  if (!ctx) throw new Error("useIde() must be used inside <Ide>");
  return ctx;
}

/** Registers `handler` as the IDE's Submit action while the calling component is mounted. */
export function useIdeSubmit(handler: SubmitHandler): void {
  const { registerSubmit } = useIde();
  useEffect(() => registerSubmit(handler), [registerSubmit, handler]);
}
