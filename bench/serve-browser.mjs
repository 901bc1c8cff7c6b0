#!/usr/bin/env node
// What an author sees with `klausul serve`: a document page open in headless
// Chromium, the document edited on disk, and the time until the reloaded
// page shows the edit (painted), plus the time until the server says every
// affected file is written.
//
//   node bench/serve-browser.mjs KLAUSUL_BIN HANDBOOK_DIR [EDITS]
//
// Needs Debian's chromium and playwright-core (tests/browser's npm packages;
// bench/serve.sh installs them). PAUSE_MS sets the pause between edits
// (default 1500 ms, so each rebuild is finished before the next edit).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [bin, root, editsArg] = process.argv.slice(2);
if (!bin || !root) {
  console.error("usage: serve-browser.mjs KLAUSUL_BIN HANDBOOK_DIR [EDITS]");
  process.exit(2);
}
const edits = Number(editsArg ?? 15);
const pause = Number(process.env.PAUSE_MS ?? 1500);
const server = spawn(bin, ["serve", "--root", root, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
let log = "";
const rebuilt = []; // [time the line arrived, line]
const onData = (d) => {
  const now = performance.now();
  log += d;
  for (const line of String(d).split("\n")) if (line.startsWith("Rebuilt")) rebuilt.push([now, line]);
};
server.stdout.on("data", onData);
server.stderr.on("data", onData);
const deadline = Date.now() + 180000;
let port = null;
while (!(port = /Serving on http:\/\/127\.0\.0\.1:(\d+)\//.exec(log)?.[1])) {
  if (Date.now() > deadline || server.exitCode !== null) {
    console.error(log);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 50));
}

// The first document of the first council, open in nb.
const content = path.join(root, "content");
const council = fs.readdirSync(content).filter((d) => fs.statSync(path.join(content, d)).isDirectory()).sort()[0];
const file = fs.readdirSync(path.join(content, council)).filter((f) => f.endsWith(".md")).sort()[0];
const doc = path.join(content, council, file);
const original = fs.readFileSync(doc, "utf8");
const url = `http://127.0.0.1:${port}/nb/${council}/${file.replace(/\.md$/, ".html")}`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
const shown = [];
const settled = [];
try {
  await page.goto(url, { waitUntil: "load" });
  for (let i = 0; i < edits; i++) {
    await new Promise((r) => setTimeout(r, pause));
    const marker = `Endra ${i} ${Date.now()}`;
    const seen = rebuilt.length;
    // Resolves once the page shows the marker and has painted it, whether
    // the page swapped its body in place or reloaded.
    const painted = new Promise((resolve) => {
      let done = false;
      const check = async () => {
        try {
          const ok = await page.evaluate(
            (m) =>
              new Promise((res) => {
                const has = () => document.body && document.body.innerText.includes(m);
                // After the next frame is painted: a task queued from rAF runs after it.
                const paint = () => requestAnimationFrame(() => setTimeout(() => res(true), 0));
                if (has()) return paint();
                const mo = new MutationObserver(() => {
                  if (has()) {
                    mo.disconnect();
                    paint();
                  }
                });
                mo.observe(document.documentElement, { childList: true, subtree: true });
              }),
            marker,
          );
          if (ok && !done) {
            done = true;
            page.off("domcontentloaded", check);
            resolve(performance.now());
          }
        } catch {
          // The page navigated away while waiting: the next load checks again.
        }
      };
      page.on("domcontentloaded", check);
      check();
    });
    await new Promise((r) => setTimeout(r, 20)); // the observer is in place
    const t0 = performance.now();
    fs.writeFileSync(doc, original.replace(/\n$/, "") + `\n\n${marker}.\n`);
    const t1 = await Promise.race([painted, new Promise((r) => setTimeout(() => r(null), 15000))]);
    if (t1 === null) throw new Error(`edit ${i}: the page did not show the change within 15 s\n${log.slice(-2000)}`);
    shown.push(t1 - t0);
    const until = Date.now() + 15000;
    while (rebuilt.length === seen && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    if (rebuilt.length > seen) settled.push(rebuilt[rebuilt.length - 1][0] - t0);
  }
} finally {
  fs.writeFileSync(doc, original);
  await browser.close();
  server.kill();
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(s.length * q))];
  return `median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, min ${s[0].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};
console.log(`edits: ${shown.length} to ${url}`);
console.log(`edit -> reloaded page shows it: ${stats(shown)}`);
if (settled.length) console.log(`edit -> every affected file written: ${stats(settled)}`);
console.log(`server's own figures (last 3):\n  ${rebuilt.slice(-3).map((r) => r[1]).join("\n  ")}`);
