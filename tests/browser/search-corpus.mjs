// Searches a large built site in headless Chromium for a word that occurs on one page, served
// over HTTP and opened from disk, and measures how many bytes of search index the query
// downloads. The page also holds text that looks like markup (`</script>`, `<img onerror>`),
// which must show as text in its result and never run.
// Usage: node search-corpus.mjs SITE_DIR WORD EXPECTED_PATH MAX_INDEX_BYTES
import { launch } from "./chromium.mjs";
import { serve } from "./site-server.mjs";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [siteDir, word, expected, maxBytes] = process.argv.slice(2);
const browser = await launch();
const [server] = await serve([siteDir], "/site/");
let failures = 0, passes = 0;
async function step(name, fn) {
  try { await fn(); passes++; console.log("ok - " + name); }
  catch (e) { failures++; console.log("not ok - " + name + "\n  " + String(e.stack || e).split("\n").join("\n  ")); }
}

// Searches from `root` (the site's address, ending in /) and checks the one result.
async function search(how, root) {
  const page = await browser.newPage();
  const index = [];
  const errors = [];
  const dialogs = [];
  page.on("request", (r) => { if (r.url().includes("/assets/search/")) index.push(r.url()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(new URL("search.html?q=" + encodeURIComponent(word), root).href);
  await step(how + ": the word is found on its one page, linked to its section", async () => {
    await page.locator("#search-results li").first().waitFor({ timeout: 30000 });
    assert.equal(await page.locator("#search-results li").count(), 1);
    assert.match(await page.locator("#search-status").innerText(), /^1 result for ‘/);
    const href = new URL(await page.locator("#search-results li h2 a").evaluate((a) => a.href));
    assert.equal(href.href.replace(/#.*$/, ""), new URL(expected, root).href);
    assert.match(href.hash, /^#[\w-]+$/);
    const marked = await page.locator(".gw-search-result__snippet mark").allInnerTexts();
    assert.ok(marked.some((m) => m.toLowerCase() === word.toLowerCase()), JSON.stringify(marked));
  });
  await step(how + ": text that looks like markup shows as text and never runs", async () => {
    const snippet = await page.locator(".gw-search-result__snippet").innerText();
    assert.ok(snippet.includes("<img src=x onerror="), snippet);
    assert.ok(snippet.includes("</script>"), snippet);
    assert.equal(await page.locator("#search-results img, #search-results script").count(), 0);
    assert.equal(await page.evaluate(() => window.gwPwned), undefined);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
  });
  await step(how + ": the query downloads at most " + maxBytes + " bytes of index", async () => {
    const bytes = index.map((u) => statSync(resolve(siteDir, fileURLToPath(new URL(u.replace(/^http:\/\/[^/]+\/site\//, pathToFileURL(resolve(siteDir)).href + "/"))))).size)
      .reduce((a, b) => a + b, 0);
    console.log(`# ${how}: ${index.length} index files, ${bytes} bytes`);
    assert.ok(index.some((u) => u.endsWith("/assets/search/index.js")), "the manifest is loaded");
    assert.ok(index.length >= 3 && index.length <= 6, JSON.stringify(index));
    assert.ok(bytes <= +maxBytes, bytes + " bytes");
  });
  await page.close();
}

try {
  await search("served", `http://127.0.0.1:${server.address().port}/site/`);
  await search("from disk", pathToFileURL(resolve(siteDir)).href + "/");
} finally {
  await browser.close();
  server.close();
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
