/** One thing wrong with a package: the file it is about ("" = the package as a whole) and what. */
export interface PackageProblem {
  path: string;
  message: string;
}

export function formatProblem(p: PackageProblem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

/** A package that cannot be imported; `problems` lists everything found wrong, not just the first. */
export class PackageError extends Error {
  constructor(
    readonly problems: PackageProblem[],
    readonly warnings: PackageProblem[] = [],
  ) {
    super(`the package has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
    this.name = "PackageError";
  }
}
