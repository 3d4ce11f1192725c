// Layout of every page of built sites at the widths people use, in headless Chromium (one
// browser, one tab per page, the widths set one after another on the same loaded page):
// - at 320, 390, 768 and 1280 px: no sideways scrolling (the document is no wider than the
//   window), no visible text under 12 px as computed (SVG text as drawn, after scaling),
//   and every focusable element looks different when it has keyboard focus;
// - at 320 px, axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules (a11y.mjs runs it on
//   the desktop layout).
// Usage: node layout.mjs SITE_DIR [SITE_DIR ...]   (served under SITE_PATH, default "/")
// - printed (print media): the site's navigation, search box, pagination and "Back to top"
//   links are hidden, and web addresses are shown after external links in the content;
// With SCREENSHOTS=DIR set, one page of each type is also saved as DIR/TYPE-WIDTH.png at 390
// and 1280 px, full page, for a reviewer to look at.
// Prints one line per page and closes with "N passed, M failed".
import { launch } from "./chromium.mjs";
import { serve, htmlFiles } from "./site-server.mjs";
import { mkdirSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const WIDTHS = [320, 390, 768, 1280];
const SHOT_WIDTHS = [390, 1280];
const MIN_TEXT_PX = 12;

const sitePath = process.env.SITE_PATH || "/";
const shots = process.env.SCREENSHOTS ? resolve(process.env.SCREENSHOTS) : null;
if (shots) mkdirSync(shots, { recursive: true });
const dirs = process.argv.slice(2).map((d) => resolve(d));
const pages = dirs.flatMap((d) => htmlFiles(d).map((f) => [d, f]));
const servers = await serve(dirs, sitePath);

// The kind of page a file is, for naming screenshots: "chapter", "standard", "report-index".
function pageType(root, file) {
  const parts = relative(root, file).split("/");
  const name = parts[parts.length - 1].replace(/\.html$/, "");
  let type;
  if (parts.length === 1) type = name === "index" ? "home" : name;
  else if (parts[0] === "guides") type = name === "index" ? "guide" : "chapter";
  else if (name === "index") type = parts[0];
  else if (name.endsWith("-form")) type = "checklist-form";
  else type = parts[0].replace(/s$/, "");
  if (dirs.indexOf(root) === 0) return type;
  return type === "home" ? basename(root) : `${basename(root)}-${type}`;
}

// Runs in the page: what is wrong with its layout at the current width.
function inspect(minText) {
  const problems = [];
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    else if (el.classList.length) s += "." + [...el.classList].join(".");
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return text ? `${s} "${text}"` : s;
  };
  // Sideways scrolling, naming the widest elements that stick out (not those inside a box
  // that scrolls by itself).
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth > width) {
    const out = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 0.5) continue;
      let p = el.parentElement, inside = false;
      for (; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden") { inside = true; break; }
      }
      if (!inside) out.push([r.right, el]);
    }
    out.sort((a, b) => b[0] - a[0]);
    const worst = out.slice(0, 3).map(([r, el]) => `${describe(el)} to ${Math.round(r)} px`);
    problems.push(`page is ${document.documentElement.scrollWidth} px wide in a ${width} px window: ${worst.join("; ")}`);
  }
  // A scrolling table's caption names it: it must be readable without scrolling the table.
  for (const cap of document.querySelectorAll("table > caption")) {
    const r = cap.getBoundingClientRect();
    if (r.width && (r.left < -0.5 || r.right > width + 0.5)) {
      problems.push(`caption runs out of the window (${Math.round(r.left)} to ${Math.round(r.right)} px): ${describe(cap)}`);
    }
  }
  // Visible text under the minimum size (visually hidden text, 1 px boxes, is not visible).
  const small = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim()) continue;
    const el = n.parentElement;
    if (!el || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
    if (!rects.length) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) size *= el.getScreenCTM().a;
    if (size < minText - 0.01 && !small.has(el)) small.set(el, size);
  }
  for (const [el, size] of [...small].slice(0, 5)) {
    problems.push(`text at ${size.toFixed(1)} px: ${describe(el)}`);
  }
  if (small.size > 5) problems.push(`… and ${small.size - 5} more elements with text under ${minText} px`);
  // Focus: each visible, enabled focusable element must change its look when focused.
  const sel = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
  const look = (e) => {
    const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color, s.borderColor].join("|");
  };
  const focusable = [...document.querySelectorAll(sel)].filter((el) => {
    if (el.disabled) return false;
    const s = getComputedStyle(el);
    if (s.visibility === "hidden" || s.display === "none") return false;
    return el.classList.contains("gw-skip-link") || el.getClientRects().length > 0;
  });
  document.activeElement?.blur?.();
  const before = focusable.map(look);
  const unfocused = [];
  focusable.forEach((el, i) => {
    el.focus({ preventScroll: true, focusVisible: true });
    if (document.activeElement !== el) return;
    if (look(el) === before[i]) unfocused.push(el);
    el.blur();
  });
  for (const el of unfocused.slice(0, 5)) problems.push(`no visible focus style: ${describe(el)}`);
  if (unfocused.length > 5) problems.push(`… and ${unfocused.length - 5} more without a focus style`);
  window.scrollTo(0, 0);
  return problems;
}

// Runs in the page, as printed: what of the page's furniture still shows, and external
// links in <main> whose address is not printed after them.
function printProblems() {
  const problems = [];
  const furniture = ".gw-header__nav, .gw-search, .gw-skip-link, .gw-back-to-top, .gw-pagination, .gw-breadcrumbs";
  for (const el of document.querySelectorAll(furniture)) {
    if (el.checkVisibility() && el.getClientRects().length) problems.push(`printed: ${el.className} is shown`);
  }
  const external = [...document.querySelectorAll("main a[href^='http']")];
  const bare = external.filter((a) => !getComputedStyle(a, "::after").content.includes(a.getAttribute("href")));
  if (bare.length) problems.push(`printed: ${bare.length} external links without their address, e.g. ${bare[0].getAttribute("href")}`);
  return problems;
}

async function axe(page) {
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return r.violations.map((v) => `axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  }, TAGS);
  return violations;
}

const browser = await launch();
let passed = 0, failed = 0;
const shotTaken = new Set();
try {
  const context = await browser.newContext({ viewport: { width: WIDTHS[0], height: 800 } });
  const page = await context.newPage();
  for (const [root, file] of pages) {
    const problems = [];
    try {
      const port = servers[dirs.indexOf(root)].address().port;
      const rel = relative(root, file);
      // The search page is checked with results on it.
      const query = rel === "search.html" ? "?q=risk" : "";
      await page.setViewportSize({ width: WIDTHS[0], height: 800 });
      await page.goto(`http://127.0.0.1:${port}${sitePath}${rel}${query}`);
      if (query) await page.locator("#search-results li").first().waitFor();
      await page.keyboard.press("Tab"); // keyboard use, as focus styles are for keyboard focus
      const type = pageType(root, file);
      const shoot = shots && !shotTaken.has(type);
      if (shoot) shotTaken.add(type);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok())));
        for (const p of await page.evaluate(inspect, MIN_TEXT_PX)) problems.push(`${width} px: ${p}`);
        if (width === WIDTHS[0]) {
          await page.addScriptTag({ path: axePath });
          for (const p of await axe(page)) problems.push(`${width} px: ${p}`);
        }
        if (shoot && SHOT_WIDTHS.includes(width)) {
          await page.screenshot({ path: join(shots, `${type}-${width}.png`), fullPage: true });
        }
      }
      await page.emulateMedia({ media: "print" });
      problems.push(...await page.evaluate(printProblems));
      await page.emulateMedia({ media: "screen" });
    } catch (e) {
      problems.push("could not check: " + String(e.message || e));
    }
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
