// Accessibility over every page of a built site, in headless Chromium:
// - axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules: any violation fails;
// - keyboard: tabbing reaches every interactive element of the page, and each one shows a
//   visible focus indicator (its look changes when focused).
// Usage: node a11y.mjs SITE_DIR [SITE_DIR ...]
// Prints one line per page and closes with "N passed, M failed".
import { launch } from "./chromium.mjs";
import { serve, htmlFiles } from "./site-server.mjs";
import { relative, resolve } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

// Pages are served over HTTP under the site's path (SITE_PATH, default "/"), as on a real
// server, so root-relative links (the 404 page's) resolve.
const sitePath = process.env.SITE_PATH || "/";
const dirs = process.argv.slice(2).map((d) => resolve(d));
const pages = dirs.flatMap((d) => htmlFiles(d).map((f) => [d, f]));
const servers = await serve(dirs, sitePath);
const browser = await launch();
let passed = 0, failed = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  for (const [root, file] of pages) {
    const page = await context.newPage();
    const problems = [];
    try {
      const port = servers[dirs.indexOf(root)].address().port;
      await page.goto(`http://127.0.0.1:${port}${sitePath}${relative(root, file)}`);
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(async (tags) => {
        const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
        return r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
        }));
      }, TAGS);
      for (const v of result) problems.push(`axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(", ")}`);
      problems.push(...await keyboard(page));
    } catch (e) {
      problems.push("could not check: " + String(e.message || e));
    }
    await page.close();
    if (problems.length) {
      failed++;
      console.log(`not ok - ${file}\n  ${problems.join("\n  ")}`);
    } else {
      passed++;
      console.log(`ok - ${file}`);
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

// Tabs through the page: every visible, enabled interactive element must be reached, and its
// look must change when it has focus.
async function keyboard(page) {
  const problems = [];
  const expected = await page.evaluate(() => {
    const sel = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
    const all = [...document.querySelectorAll(sel)].filter((el) => {
      if (el.disabled) return false;
      const s = getComputedStyle(el);
      if (s.visibility === "hidden" || s.display === "none") return false;
      // The skip link is off-screen until focused; others must have a box.
      return el.classList.contains("gw-skip-link") || el.getClientRects().length > 0;
    });
    // One stop per radio group: the browser tabs to the group, not to each button.
    const seen = new Set();
    return all.filter((el) => {
      if (el.type !== "radio") return true;
      if (seen.has(el.name)) return false;
      seen.add(el.name);
      return true;
    }).map((el, i) => { el.dataset.a11yIndex = String(i); return i; }).length;
  });
  // Start from the top of the page, whatever a script focused on load.
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute("tabindex");
  });
  // Each element's look before anything has focus, to compare with its look when focused.
  await page.evaluate(() => {
    window.__look = (e) => {
      const s = getComputedStyle(e);
      return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color, s.borderColor].join("|");
    };
    window.__unfocused = {};
    for (const el of document.querySelectorAll("[data-a11y-index]")) window.__unfocused[el.dataset.a11yIndex] = window.__look(el);
  });
  const reached = new Set();
  let last = null;
  // Date inputs take one Tab per part (day, month, year), so allow for extra stops.
  for (let i = 0; i < expected * 3 + 10; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const focused = window.__look(el);
      const unfocused = window.__unfocused[el.dataset.a11yIndex];
      return { index: el.dataset.a11yIndex, tag: el.tagName, text: (el.innerText || el.name || el.id || "").slice(0, 40), visible: unfocused === undefined || focused !== unfocused };
    });
    if (!info) break;
    if (info.index !== undefined) {
      if (info.index === last) continue;
      if (reached.has(info.index)) break;
      reached.add(info.index);
      last = info.index;
    }
    if (!info.visible) problems.push(`keyboard: no visible focus on <${info.tag.toLowerCase()}> "${info.text}"`);
  }
  if (reached.size < expected) {
    problems.push(`keyboard: Tab reached ${reached.size} of ${expected} interactive elements`);
  }
  return problems;
}
