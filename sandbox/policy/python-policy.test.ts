/** The Python teaching policy, checked in a real box: violations are CE naming the lines. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Sandbox } from "../index";
import { pythonPolicySchema, type PythonPolicy } from "./python-policy";

describe("Python teaching policy", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await Sandbox.create({ backend: "docker" });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const check = async (source: string, pythonPolicy: PythonPolicy, stdin = "") =>
    (await sandbox.runOnce({ language: "python", source, pythonPolicy, stdin })).run;

  const sortingRules: PythonPolicy = { forbiddenNames: ["sorted", "sort"], imports: { mode: "allow", modules: ["math"] } };

  it("lets a program within the rules run", async () => {
    const run = await check("import math\nxs = [3, 1, 2]\nprint(math.floor(min(xs)))\n", sortingRules);
    expect(run).toMatchObject({ status: "OK", stdout: "1\n" });
  });

  it("names forbidden builtins and methods with their lines", async () => {
    const run = await check("xs = [3, 1, 2]\nys = sorted(xs)\nxs.sort()\nprint(ys)\n", sortingRules);
    expect(run.status).toBe("CE");
    expect(run.message).toContain("line 2: use of 'sorted' is not allowed");
    expect(run.message).toContain("line 3: use of '.sort' is not allowed");
  });

  it("enforces an import allow-list, including from-imports and submodules", async () => {
    const run = await check("import math\nimport os\nfrom collections import deque\nimport os.path\n", sortingRules);
    expect(run.status).toBe("CE");
    expect(run.message).toMatch(/line 2: import of 'os'[\s\S]*line 3: import from 'collections'[\s\S]*line 4: import of 'os.path'/);
  });

  it("enforces a deny-list", async () => {
    const run = await check("import itertools\nimport math\n", { imports: { mode: "deny", modules: ["itertools"] } });
    expect(run.status).toBe("CE");
    expect(run.message).toContain("line 1: import of 'itertools' is not allowed");
    expect((await check("import math\nprint(1)\n", { imports: { mode: "deny", modules: ["itertools"] } })).status).toBe("OK");
  });

  it("closes the usual ways around the rules", async () => {
    for (const source of ["s = getattr(__builtins__, 'sor' + 'ted')\n", "os = __import__('os')\n", "eval('sorted([2,1])')\n", "import importlib\n"]) {
      const run = await check(source, sortingRules);
      expect(run.status, source).toBe("CE");
    }
  });

  it("leaves syntax errors to the compiler and ignores the policy for other languages", async () => {
    const syntax = await check("def f(:\n", sortingRules);
    expect(syntax.status).toBe("CE");
    expect(syntax.message).toContain("SyntaxError");
    const { run } = await sandbox.runOnce({ language: "c", source: "#include <stdio.h>\nint main(void){puts(\"sorted\");}\n", pythonPolicy: sortingRules });
    expect(run.stdout).toBe("sorted\n");
  });

  it("validates policies", () => {
    expect(pythonPolicySchema.safeParse({ forbiddenNames: ["sorted"] }).success).toBe(true);
    expect(pythonPolicySchema.safeParse({ forbiddenNames: ["not a name"] }).success).toBe(false);
    expect(pythonPolicySchema.safeParse({ imports: { mode: "maybe", modules: [] } }).success).toBe(false);
    expect(pythonPolicySchema.safeParse({ extra: true }).success).toBe(false);
  });
});
