// Fills the offline checklist form in headless Chromium four times, a different answer clicked
// for each question each time (some left unanswered), and exports the returns alternately as
// JSON and as CSV into OUTDIR, for `guidewright collect` to compile.
// Usage: node roundtrip.mjs FORM.html OUTDIR
// Prints one JSON line: [{case, file, answers: {"q.ID": value}}] — what was clicked.
import { launch } from "./chromium.mjs";
import { join } from "node:path";

const [file, outdir] = process.argv.slice(2);
const browser = await launch();
const clicked = [];
try {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.on("dialog", (d) => d.accept());
  await page.goto("file://" + file);
  const radios = page.locator("input[type=radio][data-question]");
  const groups = await radios.evaluateAll((els) => {
    const g = {};
    for (const e of els) (g[e.name] = g[e.name] || []).push(e.value);
    return Object.entries(g);
  });
  for (let r = 0; r < 4; r++) {
    if (r > 0) await page.click("#clear");
    const reference = `RT-${r}`;
    await page.fill("#meta\\.case-reference", reference);
    const answers = {};
    for (const [i, [name, values]] of groups.entries()) {
      // One choice in every (values + 1) is "no answer".
      const k = (r * 3 + i * 2) % (values.length + 1);
      if (k === values.length) continue;
      await page.locator(`input[name="${name}"][value="${values[k]}"]`).click();
      answers[name] = values[k];
    }
    const ext = r % 2 === 0 ? "json" : "csv";
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#export-${ext}`)]);
    const saved = join(outdir, download.suggestedFilename());
    await download.saveAs(saved);
    clicked.push({ case: reference, file: saved, answers });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(clicked));
