/**
 * Python teaching policy: a language-level layer on top of the sandbox (never instead of it).
 * An instructor forbids or allows imports and builtins by list ("no sorted() in a sorting
 * exercise", "only math may be imported"); an AST pass, run inside the box before the program,
 * names the first offending lines. It is a teaching aid: the sandbox's limits still apply.
 */
import { z } from "zod";

const moduleName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, "not a module name");
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "not a Python name");

export const pythonPolicySchema = z
  .object({
    /** allow: only these modules may be imported; deny: these may not. */
    imports: z.object({ mode: z.enum(["allow", "deny"]), modules: z.array(moduleName).max(200) }).optional(),
    /** Builtins (and names) that may not be used, e.g. ["sorted", "min", "max"]. */
    forbiddenNames: z.array(identifier).max(200).optional(),
  })
  .strict();

export type PythonPolicy = z.infer<typeof pythonPolicySchema>;

/** Ways around a name or import ban; forbidden too whenever the policy restricts anything. */
export const ESCAPE_HATCHES = ["eval", "exec", "compile", "__import__", "getattr", "globals", "locals", "vars", "__builtins__", "builtins", "importlib", "breakpoint"];

export function isEmptyPolicy(policy: PythonPolicy | null | undefined): boolean {
  return !policy || (!policy.imports && !(policy.forbiddenNames?.length));
}

/** The checker, run as `python3 -I checker.py policy.json main.py` in the box. */
export const POLICY_CHECKER = String.raw`
import ast, json, sys

policy = json.load(open(sys.argv[1], encoding="utf-8"))
source_path = sys.argv[2]
source = open(source_path, encoding="utf-8", errors="replace").read()
try:
    tree = ast.parse(source, filename="main.py")
except SyntaxError:
    sys.exit(0)  # the compile step reports syntax errors with its own message

imports = policy.get("imports")
names = set(policy.get("forbiddenNames") or [])
names.update(policy.get("escapeHatches") or [])
problems = []

def module_ok(name):
    root = name.split(".")[0]
    if imports is None:
        return True
    listed = root in imports["modules"] or name in imports["modules"]
    return listed if imports["mode"] == "allow" else not listed

for node in ast.walk(tree):
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.Import):
        for alias in node.names:
            if not module_ok(alias.name):
                problems.append((line, f"import of '{alias.name}' is not allowed"))
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            problems.append((line, "relative imports are not allowed"))
        elif not module_ok(node.module or ""):
            problems.append((line, f"import from '{node.module}' is not allowed"))
    elif isinstance(node, ast.Name) and node.id in names:
        problems.append((line, f"use of '{node.id}' is not allowed"))
    elif isinstance(node, ast.Attribute) and node.attr in names:
        problems.append((line, f"use of '.{node.attr}' is not allowed"))

if problems:
    problems.sort()
    for line, text in problems[:20]:
        print(f"line {line}: {text}", file=sys.stderr)
    if len(problems) > 20:
        print(f"... and {len(problems) - 20} more", file=sys.stderr)
    sys.exit(1)
`;

/** What is written next to the checker: the policy plus the escape hatches it implies. */
export function policyFile(policy: PythonPolicy): string {
  return JSON.stringify({ ...policy, escapeHatches: isEmptyPolicy(policy) ? [] : ESCAPE_HATCHES });
}

/** Rules stored as JSON text (a problem's column), or null when absent or malformed. */
export function parsePythonPolicy(text: string | null | undefined): PythonPolicy | null {
  if (!text) return null;
  try {
    const parsed = pythonPolicySchema.safeParse(JSON.parse(text));
    return parsed.success && !isEmptyPolicy(parsed.data) ? parsed.data : null;
  } catch {
    return null;
  }
}
