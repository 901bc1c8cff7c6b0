#!/usr/bin/env node
// `klausul serve` as an author uses it, in headless Chromium: a copy of the
// example handbook is served, a document page is open and scrolled down,
// and the document is edited on disk.
// 1. the page shows the edit without the reader losing their place;
// 2. a broken edit shows the error over the page, with file and line;
// 3. fixing it clears the error and shows the fix;
// 4. no request of the page fails, and the icon browsers ask for exists.
// Prints "N passed, M failed"; exits 1 on any failure.
//
//   node serve.mjs KLAUSUL_BIN HANDBOOK_DIR

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const [bin, source] = process.argv.slice(2);
if (!bin || !source) {
  console.error("usage: serve.mjs KLAUSUL_BIN HANDBOOK_DIR");
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const results = [];
function check(name, ok, detail = "") {
  results.push({ name, ok });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok || !detail ? "" : `: ${detail}`}`);
}

// A copy, so the edits never touch the repository's content.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "klausul-serve-"));
for (const part of ["klausul.yaml", "content", "locales", "themes"]) {
  if (fs.existsSync(path.join(source, part))) fs.cpSync(path.join(source, part), path.join(root, part), { recursive: true });
}
const doc = path.join(root, "content/volda/sosiale-medium.md");
const original = fs.readFileSync(doc, "utf8");

const server = spawn(bin, ["serve", "--root", root, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
let log = "";
server.stdout.on("data", (d) => (log += d));
server.stderr.on("data", (d) => (log += d));
const until = (cond, ms) =>
  new Promise((resolve) => {
    const end = Date.now() + ms;
    const tick = async () => {
      let ok = false;
      try {
        ok = await cond();
      } catch {
        ok = false;
      }
      if (ok) resolve(true);
      else if (Date.now() > end) resolve(false);
      else setTimeout(tick, 25);
    };
    tick();
  });

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const started = await until(() => /Serving on http:\/\/127\.0\.0\.1:\d+\//.test(log), 60000);
  check("serve: starts and prints its address", started, log);
  const port = /Serving on http:\/\/127\.0\.0\.1:(\d+)\//.exec(log)?.[1];
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const failed = [];
  page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  page.on("requestfailed", (r) => failed.push(`failed ${r.url()}`));
  await page.goto(`http://127.0.0.1:${port}/nb/volda/sosiale-medium.html`, { waitUntil: "load" });
  await page.evaluate(() => window.scrollTo(0, 600));
  await new Promise((r) => setTimeout(r, 300)); // the live-reload socket is open

  // 1. An edit shows, and the reader keeps their place.
  const marker = `Endra i serve-testen ${Date.now()}`;
  fs.writeFileSync(doc, original.replace(/\n$/, "") + `\n\n${marker}.\n`);
  const shown = await until(() => page.evaluate((m) => document.body.innerText.includes(m), marker), 15000);
  check("edit: the open page shows the new text", shown, log.slice(-1500));
  const scroll = await page.evaluate(() => window.scrollY);
  check("edit: the scroll position is kept", Math.abs(scroll - 600) < 5, String(scroll));

  // 2. A broken front matter: the error is shown over the page.
  fs.writeFileSync(doc, original.replace("title:", "title: [unclosed"));
  const alerted = await until(
    () => page.evaluate(() => [...document.querySelectorAll("[role=alert]")].some((a) => a.textContent.includes("sosiale-medium.md:"))),
    15000,
  );
  check("error: shown over the page with file and line", alerted, log.slice(-1500));

  // 3. Fixed: the overlay goes and the page is current.
  const fixed = `Retta i serve-testen ${Date.now()}`;
  fs.writeFileSync(doc, original.replace(/\n$/, "") + `\n\n${fixed}.\n`);
  const cleared = await until(
    () => page.evaluate((m) => document.body.innerText.includes(m) && !document.querySelector("[role=alert]"), fixed),
    15000,
  );
  check("fix: the error goes and the page shows the fix", cleared, log.slice(-1500));
  check("no request of the page failed", failed.length === 0, failed.join(", "));
  // Browsers ask for an icon on their own (not a request of the page):
  // the page names one, and it is there.
  const icon = await page.evaluate(async () => {
    const link = document.querySelector("link[rel~=icon]");
    if (!link) return "no <link rel=icon>";
    const r = await fetch(link.href);
    return r.ok && (r.headers.get("content-type") || "").startsWith("image/") ? "ok" : `${r.status} ${link.href}`;
  });
  check("the page names an icon that loads (no favicon 404)", icon === "ok", icon);
  await page.close();
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(root, { recursive: true, force: true });
}
const bad = results.filter((r) => !r.ok).length;
console.log(`\n${results.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
