import type { RunLanguage } from "@/lib/runs/protocol";
import { RUN_LANGUAGES } from "@/lib/runs/protocol";

export interface IdeLanguage {
  id: RunLanguage;
  label: string;
  /** Monaco language id. */
  monaco: string;
  /** Starter code when the problem (or the playground) has none. */
  template: string;
}

export const IDE_LANGUAGES: Record<RunLanguage, IdeLanguage> = {
  python: {
    id: "python",
    label: "Python 3",
    monaco: "python",
    template: 'name = input("Your name? ")\nprint(f"Hello, {name}!")\n',
  },
  c: {
    id: "c",
    label: "C",
    monaco: "c",
    template: '#include <stdio.h>\n\nint main(void) {\n    printf("Hello, world!\\n");\n    return 0;\n}\n',
  },
  cpp: {
    id: "cpp",
    label: "C++",
    monaco: "cpp",
    template: '#include <iostream>\n\nint main() {\n    std::cout << "Hello, world!" << std::endl;\n    return 0;\n}\n',
  },
  javascript: {
    id: "javascript",
    label: "JavaScript (Node.js)",
    monaco: "javascript",
    template: 'const lines = require("fs").readFileSync(0, "utf8").split("\\n");\nconsole.log("Hello, world!", lines.length);\n',
  },
};

/** The languages offered: the problem's allowed ones (in the IDE's order), or all. */
export function offeredLanguages(allowed: readonly string[] | undefined): RunLanguage[] {
  if (!allowed || allowed.length === 0) return [...RUN_LANGUAGES];
  const offered = RUN_LANGUAGES.filter((l) => allowed.includes(l));
  return offered.length ? offered : [...RUN_LANGUAGES];
}

export function isRunLanguage(value: string): value is RunLanguage {
  return (RUN_LANGUAGES as readonly string[]).includes(value);
}
