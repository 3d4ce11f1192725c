// Fills the offline checklist form in headless Chromium: answers are kept across a reload, the
// error summary lists missing answers, and the exported JSON return matches docs/returns.md.
// Usage: node form.mjs FORM.html CHECKLIST_ID VERSION
import { launch } from "./chromium.mjs";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";

const [file, checklist, version] = process.argv.slice(2);
const browser = await launch();
let failures = 0, passes = 0;
async function step(name, fn) {
  try { await fn(); passes++; console.log("ok - " + name); }
  catch (e) { failures++; console.log("not ok - " + name + "\n  " + String(e.stack || e).split("\n").join("\n  ")); }
}
try {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  // No request may leave the file: the form works offline.
  const external = [];
  page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) external.push(r.url()); });
  const url = "file://" + file;
  await page.goto(url);

  const radios = page.locator("input[type=radio][data-question]");
  const names = await radios.evaluateAll((els) => [...new Set(els.map((e) => e.name))]);

  await step("nothing is pre-selected", async () => {
    assert.equal(await page.locator("input[type=radio]:checked").count(), 0);
  });

  await step("missing answers show the error summary linked to the fields", async () => {
    await page.getByRole("button", { name: "Check answers" }).click();
    const summary = page.locator("#error-summary");
    assert.ok(await summary.isVisible());
    assert.match(await summary.locator("h2").innerText(), /There is a problem/);
    assert.ok((await page.title()).startsWith("Error: "));
    const links = await summary.locator("a").count();
    assert.equal(links, names.length + 1, "one link per question plus the case reference");
    assert.equal(await page.evaluate(() => document.activeElement.id), "error-summary");
    await summary.locator("a").first().click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "meta.case-reference");
  });

  await step("answers are kept across a reload", async () => {
    await page.fill("#meta\\.case-reference", "CASE-017");
    await page.fill("#meta\\.team", "North team");
    for (const [i, n] of names.entries()) {
      const value = i % 3 === 0 ? "yes" : i % 3 === 1 ? "no" : "not-applicable";
      await page.locator(`input[name="${n}"][value="${value}"]`).check();
    }
    await page.locator("textarea").first().fill("Police checks were on file and used in the analysis.");
    await page.reload();
    assert.equal(await page.inputValue("#meta\\.case-reference"), "CASE-017");
    assert.equal(await page.locator("input[type=radio][data-question]:checked").count(), names.length);
    assert.equal(await page.locator("textarea").first().inputValue(), "Police checks were on file and used in the analysis.");
    assert.match(await page.locator(".gw-count").first().innerText(), /You have \d+ words remaining/);
  });

  await step("a complete form checks cleanly", async () => {
    await page.getByRole("button", { name: "Check answers" }).click();
    assert.ok(!(await page.locator("#error-summary").isVisible()));
    assert.ok(!(await page.title()).startsWith("Error: "));
  });

  await step("dates are typed as day, month and year, checked, kept and exported as YYYY-MM-DD", async () => {
    assert.equal(await page.locator("input[type=date]").count(), 0, "no native date picker");
    await page.fill("#meta\\.audit-date-day", "7");
    await page.fill("#meta\\.audit-date-month", "3");
    await page.fill("#meta\\.audit-date-year", "2026");
    await page.fill("#action\\.1\\.action", "Refresh police checks");
    await page.fill("#action\\.1\\.due-day", "31");
    await page.fill("#action\\.1\\.due-month", "2");
    await page.fill("#action\\.1\\.due-year", "2026");
    await page.getByRole("button", { name: "Check answers" }).click();
    const summary = page.locator("#error-summary");
    assert.ok(await summary.isVisible());
    assert.deepEqual(await summary.locator("a").allInnerTexts(), ["Due date must be a real date"]);
    await summary.locator("a").first().click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "action.1.due-day");
    await page.fill("#action\\.1\\.due-day", "1");
    await page.fill("#action\\.1\\.due-month", "4");
    await page.reload();
    assert.equal(await page.inputValue("#action\\.1\\.due-month"), "4");
    await page.getByRole("button", { name: "Check answers" }).click();
    assert.ok(!(await summary.isVisible()));
    const ret = await page.evaluate(() => window.guidewrightForm.toReturn());
    assert.equal(ret.metadata["audit-date"], "2026-03-07");
    assert.deepEqual(ret.actions, [{ action: "Refresh police checks", due: "2026-04-01" }]);
  });

  await step("export downloads a JSON return in the documented format", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
    const ret = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(ret.format, "guidewright-return");
    assert.equal(ret.checklist, checklist);
    assert.equal(ret.version, version);
    assert.equal(ret.metadata["case-reference"], "CASE-017");
    assert.equal(Object.keys(ret.answers).length, names.length);
    const first = names[0].slice(2);
    assert.equal(ret.answers[first].answer, "yes");
    assert.equal(ret.answers[first].evidence, "Police checks were on file and used in the analysis.");
    assert.match(download.suggestedFilename(), /CASE-017\.json$/);
  });

  await step("export downloads the same return as CSV", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.match(csv, /^field,value\r\n/);
    assert.ok(csv.includes(`checklist,${checklist}\r\n`));
    assert.ok(csv.includes("meta.case-reference,CASE-017\r\n"));
  });

  await step("the CSV export neutralises text a spreadsheet would run as a formula", async () => {
    await page.fill("#meta\\.team", '=HYPERLINK("http://x.example/")');
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.ok(csv.includes('meta.team,"\'=HYPERLINK(""http://x.example/"")"\r\n'), csv);
    await page.fill("#meta\\.team", "North team");
  });

  await step("import restores a saved return", async () => {
    const saved = await page.evaluate(() => JSON.stringify(window.guidewrightForm.toReturn()));
    page.once("dialog", (d) => d.accept());
    await page.click("#clear");
    assert.equal(await page.inputValue("#meta\\.case-reference"), "");
    await page.setInputFiles("#import", { name: "r.json", mimeType: "application/json", buffer: Buffer.from(saved) });
    await page.waitForFunction(() => document.getElementById("meta.case-reference").value === "CASE-017");
    assert.equal(await page.locator("input[type=radio][data-question]:checked").count(), names.length);
  });

  await step("the form made no network request", async () => { assert.deepEqual(external, []); });
} finally {
  await browser.close();
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
