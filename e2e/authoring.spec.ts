import { expect, test } from "@playwright/test";
import { makeZip } from "../judge/kattis/test-support";
import { SEEDED, signInApi } from "./helpers";

/**
 * An instructor creates a problem through the UI (live statement preview), adds sample and
 * hidden tests by hand and by zip, reorders and deletes one; a bad zip changes nothing; students
 * see only the samples once it is published; a student cannot reach the editor.
 */
test("an instructor authors a problem with tests", async ({ page, baseURL, browser }) => {
  const slug = `authored-${Date.now().toString(36)}`;
  await signInApi(page, baseURL, SEEDED.instructor);
  await page.goto("/instructor/problems/new");
  await page.getByLabel("Title").fill("Double It");
  await page.getByLabel("Slug (in the URL)").fill(slug);
  await page.getByLabel(/^Statement/).fill("Print $2n$ for the given **n**.");
  await expect(page.getByTestId("statement-preview").locator("strong")).toHaveText("n");
  await expect(page.getByTestId("statement-preview").locator(".katex")).toHaveCount(1);
  await page.getByRole("button", { name: "Create problem" }).click();
  await page.waitForURL(`**/instructor/problems/${slug}/tests`);

  const add = async (kind: "sample" | "hidden", input: string, output: string) => {
    const form = page.getByTestId("add-test");
    await form.getByLabel("Kind").selectOption(kind);
    await form.getByLabel("Input").fill(input);
    await form.getByLabel("Expected output").fill(output);
    const before = await page.getByTestId("tests").locator("li").count();
    await form.getByRole("button", { name: "Add test" }).click();
    await expect(form.getByRole("status")).toContainText(`Test ${before + 1} added`);
    await expect(page.getByTestId("tests").locator("li")).toHaveCount(before + 1);
  };
  await add("sample", "1\n", "2\n");
  await add("sample", "5\n", "10\n");
  await add("hidden", "hidden-in-31337\n", "hidden-out-62674\n");

  // A zip with an unpaired file changes nothing and says why.
  const upload = page.getByTestId("upload-tests");
  const bad = await makeZip([{ name: "a.in", data: "1" }, { name: "b.in", data: "2" }, { name: "b.ans", data: "4" }]);
  await upload.getByLabel(/A \.zip of/).setInputFiles({ name: "bad.zip", mimeType: "application/zip", buffer: bad });
  await upload.getByRole("button", { name: "Upload tests" }).click();
  await expect(upload.getByRole("status")).toContainText("Nothing was added");
  await expect(upload.getByRole("status")).toContainText("a.in: no .ans or .out file");
  await expect(page.getByTestId("tests").locator("li")).toHaveCount(3);

  const good = await makeZip([{ name: "g/1.in", data: "zip-in-4242\n" }, { name: "g/1.ans", data: "zip-out-8484\n" }, { name: "g/2.in", data: "0\n" }, { name: "g/2.out", data: "0\n" }]);
  await upload.getByLabel(/A \.zip of/).setInputFiles({ name: "good.zip", mimeType: "application/zip", buffer: good });
  await upload.getByRole("button", { name: "Upload tests" }).click();
  await expect(upload.getByRole("status")).toContainText("Added 2 test(s)");
  await expect(page.getByTestId("tests").locator("li")).toHaveCount(5);

  await page.getByRole("button", { name: "delete test 5" }).click();
  await expect(page.getByTestId("tests").locator("li")).toHaveCount(4);
  await page.getByRole("button", { name: "up test 3" }).click();
  await expect(page.getByTestId("tests").locator("li").nth(1)).toHaveAttribute("data-kind", "hidden");
  await page.getByRole("button", { name: "down test 2" }).click();
  await expect(page.getByTestId("tests").locator("li").nth(1)).toHaveAttribute("data-kind", "sample");
  await page.screenshot({ path: "test-results/screens/authoring-tests.png", fullPage: true });

  // Publish, then a student sees the statement and the two samples, never the hidden tests.
  await page.goto(`/instructor/problems/${slug}/edit`);
  await page.getByLabel("Visibility").selectOption("published");
  await page.getByRole("button", { name: "Save problem" }).click();
  await expect(page.getByRole("status")).toContainText("Saved: visibility");
  await page.goto(`/instructor/problems/${slug}/history`);
  const history = page.getByTestId("history");
  await expect(history).toContainText("update");
  await expect(history).toContainText("test.upload");
  await expect(history).toContainText("test.delete");
  await expect(history).toContainText(SEEDED.instructor);
  const student = await browser.newContext({ baseURL });
  const studentPage = await student.newPage();
  await signInApi(studentPage, baseURL, SEEDED.student);
  const response = await studentPage.goto(`/problems/${slug}`);
  const html = await response!.text();
  expect(html).toContain("Double It");
  expect(html).toContain("10");
  for (const secret of ["hidden-in-31337", "hidden-out-62674", "zip-in-4242", "zip-out-8484"]) expect(html).not.toContain(secret);
  expect((await studentPage.goto("/instructor/problems/new"))?.status()).toBe(403);
  expect((await studentPage.goto(`/instructor/problems/${slug}/tests`))?.status()).toBe(403);
  await student.close();
});

test("the editor refuses bad input with specific messages", async ({ page, baseURL }) => {
  await signInApi(page, baseURL, SEEDED.instructor);
  await page.goto("/instructor/problems/new");
  await page.getByLabel("Title").fill("Bad");
  await page.getByLabel("Slug (in the URL)").fill("a-plus-b");
  await page.getByRole("button", { name: "Create problem" }).click();
  await expect(page.getByRole("status")).toContainText("The slug a-plus-b is taken");
  await page.getByLabel("Slug (in the URL)").fill(`bad-${Date.now().toString(36)}`);
  await page.getByLabel("Checker").selectOption("float");
  await page.getByRole("button", { name: "Create problem" }).click();
  await expect(page.getByRole("status")).toContainText("A float checker needs an absolute or a relative tolerance");
});

test("expected outputs are generated by a reference solution in the sandbox", async ({ page, baseURL }) => {
  const slug = `generated-${Date.now().toString(36)}`;
  page.on("dialog", (dialog) => void dialog.accept());
  await signInApi(page, baseURL, SEEDED.instructor);
  await page.goto("/instructor/problems/new");
  await page.getByLabel("Title").fill("Triple");
  await page.getByLabel("Slug (in the URL)").fill(slug);
  await page.getByRole("button", { name: "Create problem" }).click();
  await page.waitForURL(`**/instructor/problems/${slug}/tests`);
  const zip = await makeZip([1, 2, 3].flatMap((n) => [{ name: `${n}.in`, data: `${n * 7}\n` }, { name: `${n}.ans`, data: "?\n" }]));
  await page.getByTestId("upload-tests").getByLabel(/A \.zip of/).setInputFiles({ name: "t.zip", mimeType: "application/zip", buffer: zip });
  await page.getByRole("button", { name: "Upload tests" }).click();
  await expect(page.getByTestId("tests").locator("li")).toHaveCount(3);

  const generate = page.getByTestId("generate-outputs");
  await generate.getByLabel("Language").selectOption("python");
  await generate.getByLabel("Reference solution").fill("n = int(input())\nif n == 14:\n    raise SystemExit(3)\nprint(3 * n)\n");
  await generate.getByRole("button", { name: "Generate expected outputs" }).click();
  await expect(generate.getByRole("status")).toContainText("Nothing was changed");
  await expect(generate.getByRole("status")).toContainText("test 2: RE");

  await generate.getByLabel("Reference solution").fill("print(3 * int(input()))\n");
  await generate.getByRole("button", { name: "Generate expected outputs" }).click();
  await expect(generate.getByRole("status")).toContainText("Expected outputs of 3 test(s) generated", { timeout: 20_000 });
  await expect(page.getByTestId("tests")).toContainText("63");
  await expect(page.getByTestId("tests")).not.toContainText("?");

  // Keep a right and a wrong solution with the problem, then verify both get their verdicts.
  const keep = async (name: string, verdict: string, source: string) => {
    const form = page.getByTestId("add-reference");
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Must get").selectOption(verdict);
    await form.getByLabel("Language").selectOption("python");
    await form.getByLabel("Source").fill(source);
    await form.getByRole("button", { name: "Keep solution" }).click();
    await expect(form.getByRole("status")).toContainText("kept");
  };
  await keep("triple.py", "accepted", "print(3 * int(input()))\n");
  await keep("double.py", "wrong_answer", "print(2 * int(input()))\n");
  await expect(page.getByTestId("references")).toContainText("wrong_answer/double.py");
  await page.getByRole("link", { name: "Verify" }).click();
  await expect(page.getByTestId("verify-row")).toHaveCount(2);
  await page.getByRole("button", { name: "Run verify" }).click();
  await expect(page.getByTestId("verify-summary")).toContainText("All submissions got the verdict of their folder.", { timeout: 60_000 });
});

test("statement images are uploaded, checked by content and served inert", async ({ page, baseURL }) => {
  await signInApi(page, baseURL, SEEDED.instructor);
  await page.goto("/instructor/problems/a-plus-b/edit");
  const form = page.getByTestId("upload-image");
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
  await form.getByLabel(/^Image/).setInputFiles({ name: "Sketch.PNG", mimeType: "image/png", buffer: png });
  await form.getByRole("button", { name: "Upload image" }).click();
  await expect(form.getByRole("status")).toContainText("![description](/problems/a-plus-b/files/sketch.png)");
  await expect(page.getByTestId("images")).toContainText("sketch.png");

  await form.getByLabel(/^Image/).setInputFiles({ name: "evil.png", mimeType: "image/png", buffer: Buffer.from("<script>alert(1)</script>") });
  await form.getByRole("button", { name: "Upload image" }).click();
  await expect(form.getByRole("status")).toContainText("evil.png is not a PNG, JPEG, GIF or WebP image");

  const image = await page.request.get("/problems/a-plus-b/files/sketch.png");
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  expect(image.headers()["x-content-type-options"]).toBe("nosniff");
  expect((await image.body()).equals(png)).toBe(true);
  expect((await page.request.get("/problems/a-plus-b/files/evil.png")).status()).toBe(404);
});
