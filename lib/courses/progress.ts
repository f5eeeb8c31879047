/**
 * An assignment's progress table: for each student and problem, the best result and the number
 * of attempts. Submissions after the deadline are marked late and count only if the assignment
 * accepts late work. Pure: the page and the CSV export feed it rows from the database.
 */

export interface ProgressSubmission {
  userId: string;
  problemId: string;
  createdAt: Date;
  status: string; // queued | compiling | running | done
  verdict: string | null;
  score: number | null;
  maxScore: number | null;
}

export interface ProgressCell {
  attempts: number;
  /** Verdict of the best counted submission (null: none judged yet). */
  verdict: string | null;
  /** Best score as a fraction of the maximum, 0..1 (null: none judged yet). */
  score: number | null;
  solved: boolean;
  /** Some submission came after the deadline. */
  late: boolean;
  /** Late submissions exist but were not counted (the assignment does not accept them). */
  lateIgnored: boolean;
}

export interface ProgressRow {
  student: { id: string; name: string; email: string };
  cells: Record<string, ProgressCell>;
  solved: number;
  /** Sum of per-problem scores (each 0..1). */
  total: number;
}

export function emptyCell(): ProgressCell {
  return { attempts: 0, verdict: null, score: null, solved: false, late: false, lateIgnored: false };
}

export function computeProgress(
  students: { id: string; name: string; email: string }[],
  problemIds: string[],
  submissions: ProgressSubmission[],
  assignment: { dueAt: Date; acceptLate: boolean },
): ProgressRow[] {
  const byStudent = new Map(students.map((s) => [s.id, Object.fromEntries(problemIds.map((p) => [p, emptyCell()])) as Record<string, ProgressCell>]));
  const ordered = [...submissions].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const sub of ordered) {
    const cell = byStudent.get(sub.userId)?.[sub.problemId];
    if (!cell) continue;
    const late = sub.createdAt.getTime() > assignment.dueAt.getTime();
    if (late) cell.late = true;
    if (late && !assignment.acceptLate) {
      cell.lateIgnored = true;
      continue;
    }
    cell.attempts++;
    if (sub.status !== "done" || sub.verdict === null) continue;
    const fraction = sub.maxScore && sub.maxScore > 0 ? Math.max(0, Math.min(1, (sub.score ?? 0) / sub.maxScore)) : sub.verdict === "accepted" ? 1 : 0;
    // Keep the best; among equals the earliest (submissions are in time order).
    if (cell.score === null || fraction > cell.score) {
      cell.score = fraction;
      cell.verdict = sub.verdict;
    }
    if (sub.verdict === "accepted") cell.solved = true;
  }
  return students.map((student) => {
    const cells = byStudent.get(student.id)!;
    const values = Object.values(cells);
    return {
      student,
      cells,
      solved: values.filter((c) => c.solved).length,
      total: values.reduce((sum, c) => sum + (c.score ?? 0), 0),
    };
  });
}

/** A CSV cell: quoted, and never read as a formula by a spreadsheet. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Grades as CSV: one row per student, per problem the score in percent and the verdict. */
export function progressCsv(rows: ProgressRow[], problems: { id: string; slug: string }[]): string {
  const header = ["name", "email", ...problems.flatMap((p) => [`${p.slug} score`, `${p.slug} verdict`, `${p.slug} attempts`, `${p.slug} late`]), "solved", "total"];
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) {
    const cells = problems.flatMap((p) => {
      const c = row.cells[p.id] ?? emptyCell();
      return [c.score === null ? "" : Math.round(c.score * 100), c.verdict ?? "", c.attempts, c.late ? (c.lateIgnored ? "late, not counted" : "late") : ""];
    });
    lines.push([row.student.name, row.student.email, ...cells, row.solved, Number(row.total.toFixed(2))].map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
