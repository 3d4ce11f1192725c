// The collect report's sortable tables in headless Chromium: each heading becomes a button;
// pressing one (by keyboard) sorts the rows by that column, ascending then descending, and
// marks the heading with aria-sort. Prints the table's first column after each step as JSON.
// Usage: node sort.mjs REPORT/index.html "CAPTION START" COLUMN
import { launch } from "./chromium.mjs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const [file, caption, column] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(resolve(file)).href);
  const state = () => page.evaluate(([caption, column]) => {
    const t = [...document.querySelectorAll("table.gw-sortable")]
      .find((t) => t.caption && t.caption.textContent.trim().startsWith(caption));
    const th = t.tHead.rows[0].cells[Number(column)];
    return {
      button: !!th.querySelector("button.gw-sort"),
      sort: th.getAttribute("aria-sort"),
      rows: [...t.tBodies[0].rows].map((r) => [r.cells[0].textContent.trim(), r.cells[Number(column)].textContent.trim()]),
    };
  }, [caption, column]);
  const out = [await state()];
  for (let i = 0; i < 2; i++) {
    await page.evaluate(([caption, column]) => {
      const t = [...document.querySelectorAll("table.gw-sortable")]
        .find((t) => t.caption && t.caption.textContent.trim().startsWith(caption));
      t.tHead.rows[0].cells[Number(column)].querySelector("button").focus();
    }, [caption, column]);
    await page.keyboard.press("Enter");
    out.push(await state());
  }
  console.log(JSON.stringify(out));
} finally {
  await browser.close();
}
