import { expect, test } from "@playwright/test";
import { SEEDED, signInApi } from "./helpers";
import { editorReady, setProgram, signUpFresh } from "./ide-helpers";

/**
 * The instructor's whole loop, in the browser: write a problem with two sample and three hidden
 * tests, publish it in an assignment of a course; a student of the course solves it on the
 * problem page; the progress table and the CSV grades show the result.
 */
test("an instructor's problem, assigned and solved, shows in progress and grades", async ({ page, baseURL, browser }) => {
  test.setTimeout(120_000);
  const slug = `sum-three-${Date.now().toString(36)}`;
  // The student signs up first (the course adds them by email).
  const student = await browser.newContext({ baseURL });
  const studentPage = await student.newPage();
  const studentEmail = await signUpFresh(studentPage, baseURL, "flow");

  await signInApi(page, baseURL, SEEDED.instructor);
  await page.goto("/instructor/problems/new");
  await page.getByLabel("Title").fill("Sum of Three");
  await page.getByLabel("Slug (in the URL)").fill(slug);
  await page.getByLabel(/^Statement/).fill("Read three integers and print their sum.");
  await page.getByRole("button", { name: "Create problem" }).click();
  await page.waitForURL(`**/instructor/problems/${slug}/tests`);
  const tests: [string, string, string][] = [
    ["sample", "1 2 3\n", "6\n"],
    ["sample", "0 0 0\n", "0\n"],
    ["hidden", "-5 10 7\n", "12\n"],
    ["hidden", "1000000 2000000 3000000\n", "6000000\n"],
    ["hidden", "4 4 4\n", "12\n"],
  ];
  const addForm = page.getByTestId("add-test");
  for (const [i, [kind, input, output]] of tests.entries()) {
    await addForm.getByLabel("Kind").selectOption(kind);
    await addForm.getByLabel("Input").fill(input);
    await addForm.getByLabel("Expected output").fill(output);
    await addForm.getByRole("button", { name: "Add test" }).click();
    await expect(page.getByTestId("tests").locator("li")).toHaveCount(i + 1);
  }
  await page.goto(`/instructor/problems/${slug}/edit`);
  await page.getByLabel("Visibility").selectOption("published");
  await page.getByRole("button", { name: "Save problem" }).click();
  await expect(page.getByRole("status")).toContainText("Saved: visibility");

  await page.goto("/courses");
  await page.getByLabel("Title").fill("Flow course");
  await page.getByRole("button", { name: "Create course" }).click();
  await page.waitForURL(/\/courses\/[^/]+$/);
  await page.getByLabel(/Student emails/).fill(studentEmail);
  await page.getByRole("button", { name: "Add students" }).click();
  await expect(page.getByTestId("members")).toContainText(studentEmail);
  const form = page.getByTestId("assignment-form");
  await form.getByLabel("Title").fill("Homework 1");
  await form.getByLabel("Opens").fill("2020-01-01T00:00");
  await form.getByLabel("Deadline").fill("2099-01-01T00:00");
  await form.getByRole("checkbox", { name: /Sum of Three/ }).check();
  await form.getByRole("button", { name: "Create assignment" }).click();
  await expect(form.getByRole("status")).toContainText("created");
  await page.getByRole("link", { name: "Homework 1" }).click();
  await page.waitForURL(/\/assignments\//);
  const assignmentUrl = page.url();

  // The student opens the assignment, then the problem, and submits a correct solution.
  await studentPage.goto(assignmentUrl);
  await studentPage.getByRole("link", { name: "Sum of Three" }).click();
  await editorReady(studentPage);
  await studentPage.getByTestId("language").selectOption("python");
  await setProgram(studentPage, "print(sum(map(int, input().split())))\n");
  await studentPage.getByTestId("submit").click();
  const verdict = studentPage.getByTestId("submit-panel").getByTestId("submission-verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "AC", { timeout: 60_000 });
  await studentPage.goto(assignmentUrl);
  await expect(studentPage.getByText("solved")).toBeVisible();
  await student.close();

  await page.reload();
  const row = page.getByTestId("progress-table").locator(`tr[data-student="${studentEmail}"]`);
  await expect(row).toContainText("AC");
  await expect(row).toContainText("1/1");
  const csv = await (await page.request.get(`${assignmentUrl}/grades`)).text();
  const line = csv.split("\r\n").find((l) => l.includes(studentEmail));
  expect(line).toMatch(new RegExp(`${studentEmail},100,accepted,1,,1,1$`));

  // A hidden answer was wrong: fix it, rejudge, and read the before/after summary.
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(`/instructor/problems/${slug}/tests`);
  const last = page.getByTestId("tests").locator("li").nth(4);
  await last.getByText("Edit").click();
  await last.getByTestId("edit-test").getByLabel("Expected output").fill("13\n");
  await last.getByTestId("edit-test").getByRole("button", { name: "Save test" }).click();
  await expect(last.getByRole("status")).toContainText("Test saved");
  await page.goto(`/instructor/problems/${slug}/edit`);
  await page.getByTestId("rejudge-button").click();
  await page.getByTestId("rejudge-summary-link").click();
  await page.waitForURL(/\/instructor\/rejudges\//);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("rejudge-progress")).toContainText("1 of 1 rejudged; 1 verdict(s) changed", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId("rejudge-moves")).toContainText("accepted → wrong_answer");
  await page.goto(`/instructor/problems/${slug}/history`);
  await expect(page.getByTestId("history")).toContainText("test.update");
});
