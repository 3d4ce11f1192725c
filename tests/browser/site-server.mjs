// Serves built sites over HTTP for the browser tests, each under the site's path
// (SITE_PATH, default "/") as on a real server, so root-relative links (the 404 page's)
// resolve; and lists the HTML pages of a site.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join } from "node:path";

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".pdf": "application/pdf",
  ".json": "application/json" };

/// Every `.html` file below `dir`, sorted.
export function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...htmlFiles(p));
    else if (name.endsWith(".html")) out.push(p);
  }
  return out;
}

/// One server per folder, on a free port of 127.0.0.1; resolves to the listening servers.
export function serve(dirs, sitePath) {
  return Promise.all(dirs.map((root) => new Promise((ok) => {
    const server = createServer((req, res) => {
      let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (!p.startsWith(sitePath) || p.includes("..")) { res.writeHead(404); res.end(); return; }
      p = p.slice(sitePath.length);
      if (p === "" || p.endsWith("/")) p += "index.html";
      const file = join(root, p);
      if (!existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(readFileSync(file));
    });
    server.listen(0, "127.0.0.1", () => ok(server));
  })));
}
