/**
 * Who may see what of a submission. Pure functions (tested without a database).
 *  - The owner sees their submission: verdict, per-test status and resources, and for SAMPLE
 *    tests the input, expected and actual output. Hidden tests' data never reaches them; a
 *    custom checker's messages only for sample tests (the checker may quote the answer).
 *  - An instructor of the problem (its author, or any instructor for a problem without an
 *    author) and admins see everything, may watch any submission and rejudge.
 */
import type { Role } from "../auth/roles";

export interface Viewer {
  id: string;
  role: Role;
}

export function isProblemInstructor(user: Viewer, problem: { authorId: string | null }): boolean {
  if (user.role === "admin") return true;
  return user.role === "instructor" && (problem.authorId === null || problem.authorId === user.id);
}

export function canViewSubmission(user: Viewer, submission: { userId: string }, problem: { authorId: string | null }): boolean {
  return submission.userId === user.id || isProblemInstructor(user, problem);
}

/** May this viewer see the checker's message of this test? */
export function canSeeCheckerMessage(instructor: boolean, test: { sample: boolean }, checker: string): boolean {
  return instructor || test.sample || checker !== "custom";
}
