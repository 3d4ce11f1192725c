// Searches the built site in headless Chromium, as a visitor would: from the box in the header
// of the home page to the results page, then to the chapter found. Works for a site served over
// HTTP and for one opened from disk (file: URLs).
// Usage: node search.mjs HOME_URL WORD EXPECTED_PATH [SCREENSHOT.png]
import { launch } from "./chromium.mjs";
import assert from "node:assert/strict";

const [home, word, expected, screenshot] = process.argv.slice(2);
const browser = await launch();
let failures = 0, passes = 0;
async function step(name, fn) {
  try { await fn(); passes++; console.log("ok - " + name); }
  catch (e) { failures++; console.log("not ok - " + name + "\n  " + String(e.stack || e).split("\n").join("\n  ")); }
}
const siteRoot = new URL(".", home).href;
let excerpt = "";
const target = new URL(expected, siteRoot).href;
try {
  const page = await browser.newPage();
  // Every request stays inside the site: no CDN, no server-side search.
  const outside = [];
  const errors = [];
  const indexLoads = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(siteRoot)) outside.push(r.url());
    if (r.url().includes("/assets/search/")) indexLoads.push(r.url());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(home);

  await step("the header search box has an accessible name and submits to the search page", async () => {
    const box = page.getByRole("searchbox", { name: "Search this site" });
    await box.fill(word);
    await Promise.all([page.waitForURL(/search\.html\?q=/), box.press("Enter")]);
    assert.equal(new URL(page.url()).searchParams.get("q"), word);
  });

  await step("results list the chapter with its title, guide and a snippet with the word marked", async () => {
    await page.locator("#search-results li").first().waitFor();
    const first = page.locator("#search-results li").first();
    const link = first.locator("h2 a");
    // The result links to the section of the chapter the word is in.
    const href = new URL(await link.evaluate((a) => a.href));
    assert.equal(href.href.replace(/#.*$/, ""), target);
    assert.match(href.hash, /^#[\w-]+$/, "a link to the section");
    assert.ok((await link.innerText()).length > 3);
    assert.ok((await first.locator(".gw-search-result__group").innerText()).length > 3);
    // The excerpt is the start of the section, with the word marked where it shows.
    const snippet = await first.locator(".gw-search-result__snippet").innerText();
    assert.ok(snippet.length > 40, snippet);
    const marked = await first.locator(".gw-search-result__snippet mark").allInnerTexts();
    const shows = snippet.toLowerCase().includes(word.toLowerCase());
    assert.equal(marked.some((m) => m.toLowerCase().startsWith(word.toLowerCase())), shows, JSON.stringify(marked));
    excerpt = snippet.replace(/…$/, "").trim();
    assert.match(await page.locator("#search-status").innerText(), /^\d+ results? for ‘/);
    assert.match(await page.title(), /^Search results for ‘/);
    // Only the manifest, the chunks the word needs and the results' own files were loaded.
    const loaded = indexLoads;
    assert.ok(loaded.some((n) => n.endsWith("/assets/search/index.js")), JSON.stringify(loaded));
    assert.ok(loaded.length <= 2 + 2 + 10, JSON.stringify(loaded));
  });

  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });

  await step("the result opens the chapter at the section the word is in", async () => {
    const link = page.locator("#search-results li h2 a").first();
    const heading = await link.innerText();
    await Promise.all([page.waitForURL((u) => u.href.startsWith(target + "#")), link.click()]);
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    const section = page.locator(`[id="${id}"]`);
    assert.equal((await section.innerText()).trim(), heading.trim());
    const text = await section.evaluate((h) => (h.closest("section") || h.parentElement).innerText);
    assert.ok(text.toLowerCase().includes(word.toLowerCase().slice(0, -2)), "the word is in that section");
    // The excerpt is how the section starts (after its heading).
    const body = text.replace(/\s+/g, " ").trim().slice(heading.trim().length).trim();
    assert.ok(body.startsWith(excerpt.replace(/\s+/g, " ")), JSON.stringify([body.slice(0, 300), excerpt]));
  });

  await step("a word found nowhere says so", async () => {
    await page.goto(new URL("search.html?q=zzqxv", siteRoot).href);
    assert.match(await page.locator("#search-status").innerText(), /^No results for ‘zzqxv’/);
    assert.equal(await page.locator("#search-results li").count(), 0);
  });

  await step("without JavaScript the search page explains and links to the guides", async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const p2 = await ctx.newPage();
    await p2.goto(new URL("search.html?q=" + word, siteRoot).href);
    assert.match(await p2.locator("main").innerText(), /Search needs JavaScript/);
    await ctx.close();
  });

  await step("no request left the site and no script failed", async () => {
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
  });
} finally {
  await browser.close();
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
