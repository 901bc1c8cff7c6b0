#!/usr/bin/env node
// `klausul serve` as an author uses it, in headless Chromium: a copy of the
// example handbook is served, a document page is open and scrolled down,
// and the document is edited on disk.
// 1. the page shows the edit without the reader losing their place;
// 2. a broken edit shows the error over the page, with file and line;
// 3. fixing it clears the error and shows the fix;
// 4. no request of the page fails, and the icon browsers ask for exists;
// 5. suggested topics show on the page with Confirm and Reject buttons that
//    pass axe (light and dark) and the Nu Html Checker; confirming one with
//    the keyboard moves it into `topics:` on disk and the page shows it.
// Prints "N passed, M failed"; exits 1 on any failure.
//
//   node serve.mjs KLAUSUL_BIN HANDBOOK_DIR

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

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

  // 5. Suggested topics are reviewed on the page.
  const suggested = original.replace(
    "\n---\n",
    '\nsuggested_topics:\n  records: ["2.i"]\n  politics: ["2.a", "2.i"]\n---\n',
  );
  fs.writeFileSync(doc, suggested);
  const forms = await until(() => page.evaluate(() => document.querySelectorAll("form.topic-review").length === 2), 15000);
  check("review: suggested topics show beside their clauses", forms, log.slice(-1500));
  const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.addScriptTag({ content: axeSource });
    const axe = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), AXE_TAGS);
    const found = axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    check(`review: axe finds nothing (${scheme})`, found.length === 0, found.join("; "));
    const box = page.locator("form.topic-review").last();
    await box.scrollIntoViewIfNeeded();
    fs.mkdirSync(path.join(here, "screenshots"), { recursive: true });
    await box.screenshot({ path: path.join(here, "screenshots", `serve-review-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: "light" });
  const html = await (await fetch(`http://127.0.0.1:${port}/nb/volda/sosiale-medium.html`)).text();
  const saved = path.join(root, "review-page.html");
  fs.writeFileSync(saved, html);
  const jar = path.join(here, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
  const vnu = spawnSync(process.env.JAVA || "java", ["-jar", jar, "--errors-only", "--format", "text", saved], { encoding: "utf8" });
  check("review: the Nu Html Checker finds no error", vnu.status === 0, (vnu.stderr || vnu.stdout || "").slice(0, 1500));
  // Confirm with the keyboard, as a reader would.
  const confirm = page.locator('form.topic-review button[name=confirm][value=records]');
  await confirm.focus();
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
  const onDisk = fs.readFileSync(doc, "utf8");
  check("review: confirming moves the topic into topics: on disk", /records: \["2\.e", "2\.i"\]/.test(onDisk), onDisk.slice(0, 1200));
  const confirmed = await until(
    () => page.evaluate(() => {
      const li = document.getElementById("k-2.i")?.closest("li") ?? document.getElementById("k-2.i")?.parentElement;
      return !!li && [...li.querySelectorAll("a.topic-chip:not(.suggested)")].some((a) => a.href.endsWith("/topics/records.html"));
    }),
    15000,
  );
  check("review: the page shows the confirmed topic at the clause", confirmed, page.url());
  check("review: back at the clause", page.url().endsWith("#k-2.i"), page.url());
  await page.close();
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(root, { recursive: true, force: true });
}
const bad = results.filter((r) => !r.ok).length;
console.log(`\n${results.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
