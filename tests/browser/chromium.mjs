// Launches Debian's Chromium (or $CHROMIUM) headless for the browser tests, with the flags
// this closed network needs (no background connections, no QUIC, no component updates).
import { chromium } from "playwright-core";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
