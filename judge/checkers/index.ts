/**
 * The built-in checkers (pure functions). The custom checker needs a sandbox and lives in
 * ./custom.ts; the engine picks it for `{ kind: "custom" }`.
 */
import type { CheckResult, CheckerSpec } from "../types";
import { checkExact } from "./exact";
import { checkFloat } from "./float";
import { checkTokens } from "./tokens";

export { checkExact } from "./exact";
export { checkFloat, tolerances, withinTolerance, DEFAULT_FLOAT_TOLERANCE } from "./float";
export { checkTokens } from "./tokens";
export { CustomChecker, interpretCheckerRun, KATTIS_ACCEPT, KATTIS_REJECT } from "./custom";

export type BuiltinChecker = Exclude<CheckerSpec, { kind: "custom" }>;

export function checkBuiltin(checker: BuiltinChecker, expected: string, output: string): CheckResult {
  switch (checker.kind) {
    case "exact":
      return checkExact(expected, output);
    case "tokens":
      return checkTokens(expected, output);
    case "float":
      return checkFloat(expected, output, checker.absTol, checker.relTol);
  }
}
