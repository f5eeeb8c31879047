/**
 * Shared shape and behaviour of every language (DMOJ-executor style): each language file is
 * a small declaration; everything common (environment, file layout, compile step) lives here.
 */

export type LanguageId = "python" | "c" | "cpp" | "javascript";

export interface LanguageSpec {
  id: LanguageId;
  /** Shown in the UI. */
  name: string;
  /** Monaco's language id for highlighting. */
  monaco: string;
  /** File name of the submitted source inside /box. */
  sourceFile: string;
  /** Compiler command (argv) run in /box as the build user, or none for interpreted languages. */
  compile?: string[];
  /** Command that runs the program (argv), in /box as the run user. */
  run: string[];
  /** Extra environment on top of BASE_ENV. */
  env?: Record<string, string>;
  /** Prints the toolchain version (first line is reported). */
  version: string[];
  /** A program that copies stdin to stdout: proves the language works end to end. */
  selfTest: string;
}

/** Where the session's files live inside the sandbox (a tmpfs owned by the build user). */
export const BOX_DIR = "/box";

/** The only environment a sandboxed program sees; nothing of the host's is inherited. */
export const BASE_ENV: Readonly<Record<string, string>> = {
  PATH: "/usr/local/bin:/usr/bin:/bin",
  LANG: "C.UTF-8",
  LC_ALL: "C.UTF-8",
  HOME: "/tmp",
  TMPDIR: "/tmp",
};

export interface Language extends LanguageSpec {
  sourcePath: string;
  environment: Record<string, string>;
}

export function defineLanguage(spec: LanguageSpec): Language {
  return {
    ...spec,
    sourcePath: `${BOX_DIR}/${spec.sourceFile}`,
    environment: { ...BASE_ENV, ...spec.env },
  };
}
