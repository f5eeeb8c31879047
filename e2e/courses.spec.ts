import { expect, test } from "@playwright/test";
import { SEEDED, signInApi, signUpApi, uniqueEmail } from "./helpers";

/**
 * Courses and assignments: an instructor creates a course, adds a student by email, publishes
 * an assignment; the student sees it, an outsider does not; the instructor's progress table and
 * CSV export list the student, and only instructors can export.
 */
test("an instructor runs a course with an assignment; roles are enforced", async ({ page, baseURL, browser }) => {
  const studentEmail = uniqueEmail("course-student");
  const outsiderEmail = uniqueEmail("outsider");
  for (const email of [studentEmail, outsiderEmail]) {
    const ctx = await browser.newContext({ baseURL });
    expect((await signUpApi(ctx.request, baseURL, email)).status()).toBe(200);
    await ctx.close();
  }

  await signInApi(page, baseURL, SEEDED.instructor);
  await page.goto("/courses");
  await page.getByLabel("Title").fill("Algorithms 101");
  await page.getByRole("button", { name: "Create course" }).click();
  await page.waitForURL(/\/courses\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "Algorithms 101" })).toBeVisible();
  const courseUrl = page.url();

  await page.getByLabel(/Student emails/).fill(`${studentEmail}\nnobody-${Date.now()}@nowhere.test`);
  await page.getByRole("button", { name: "Add students" }).click();
  await expect(page.getByRole("status")).toContainText("Added 1 student(s). No account yet for: nobody-");
  await expect(page.getByTestId("members")).toContainText(studentEmail);

  const form = page.getByTestId("assignment-form");
  await form.getByLabel("Title").fill("Week 1");
  await form.getByLabel("Opens").fill("2020-01-01T00:00");
  await form.getByLabel("Deadline").fill("2099-01-01T00:00");
  await form.getByRole("checkbox", { name: /A \+ B/ }).check();
  await form.getByRole("button", { name: "Create assignment" }).click();
  await expect(form.getByRole("status")).toContainText('Assignment "Week 1" created');
  await page.getByRole("link", { name: "Week 1" }).click();
  await page.waitForURL(/\/assignments\//);
  const assignmentUrl = page.url();
  await expect(page.getByTestId("progress-table")).toContainText(studentEmail);
  await page.screenshot({ path: "test-results/screens/assignment-instructor.png", fullPage: true });

  const csv = await page.request.get(`${assignmentUrl}/grades`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("name,email,a-plus-b score,a-plus-b verdict,a-plus-b attempts,a-plus-b late,solved,total");
  expect(lines.some((l) => l.includes(studentEmail))).toBe(true);

  // The student sees the course and the open assignment, but cannot export grades.
  const student = await browser.newContext({ baseURL });
  const studentPage = await student.newPage();
  await signInApi(studentPage, baseURL, studentEmail, "correct-horse-9");
  await studentPage.goto(courseUrl);
  await studentPage.getByRole("link", { name: "Week 1" }).click();
  await expect(studentPage.getByRole("link", { name: "A + B" })).toBeVisible();
  await expect(studentPage.getByText("not tried")).toBeVisible();
  await studentPage.screenshot({ path: "test-results/screens/assignment-student.png", fullPage: true });
  await expect(studentPage.getByTestId("progress-table")).toHaveCount(0);
  expect((await studentPage.request.get(`${assignmentUrl}/grades`)).status()).toBe(403);
  await student.close();

  // Someone outside the course sees nothing of it.
  const outsider = await browser.newContext({ baseURL });
  const outsiderPage = await outsider.newPage();
  await signInApi(outsiderPage, baseURL, outsiderEmail, "correct-horse-9");
  expect((await outsiderPage.goto(courseUrl))?.status()).toBe(404);
  expect((await outsiderPage.goto(assignmentUrl))?.status()).toBe(404);
  expect((await outsiderPage.request.get(`${assignmentUrl}/grades`)).status()).toBe(404);
  await outsider.close();
});

test("students cannot create courses, and an invite link lets a student join", async ({ page, baseURL, browser }) => {
  await signInApi(page, baseURL, SEEDED.instructor);
  await page.goto("/courses");
  await page.getByLabel("Title").fill("Invite test");
  await page.getByRole("button", { name: "Create course" }).click();
  const invite = (await page.getByTestId("invite-link").textContent())!;

  const email = uniqueEmail("joiner");
  const ctx = await browser.newContext({ baseURL });
  expect((await signUpApi(ctx.request, baseURL, email)).status()).toBe(200);
  const joiner = await ctx.newPage();
  await joiner.goto("/courses");
  await expect(joiner.getByRole("button", { name: "Create course" })).toHaveCount(0);
  await joiner.goto(new URL(invite).pathname);
  await joiner.getByRole("button", { name: "Join as a student" }).click();
  await expect(joiner.getByRole("heading", { name: "Invite test" })).toBeVisible();
  await expect(joiner.getByTestId("members")).toHaveCount(0); // students do not see the roster
  await ctx.close();
});
