#!/usr/bin/env node
// Browser check of client-side search, as a reader uses it.
//
//   node search.mjs [SITE_DIR]      (default: ../../public relative to this file)
//
// In headless Chromium (CHROMIUM, default /usr/bin/chromium):
// 1. opens <lang>/search.html?q=teieplikt from file:// and checks results
//    come from councils in all three languages (nb, nn, da);
// 2. types queries in each language (teieplikt, tavshedspligt, ytringsfrihet,
//    "personvern") and measures the time from the last keystroke to the
//    results in the DOM and to the next frame; checks the live region
//    announces the count;
// 3. checks keyboard use: arrow keys from the input through the results and
//    back, Enter on a result opens the clause's anchor;
// 4. submits the search form on the home page;
// 5. checks the same page served over HTTP under a sub-path (/handbook/);
// 6. checks that without JavaScript the page says search needs it.
// Prints the timings and "N passed, M failed"; exits 1 on any failure.

import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] ?? path.join(here, "..", "..", "public"));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const QUERIES = ["teieplikt", "tavshedspligt", "ytringsfrihet", '"personvern"'];
const CONTENT_LANGS = ["da", "nb", "nn"];

if (!fs.existsSync(path.join(site, "nb", "search.html"))) {
  console.error(`no built site with search at ${site}; build it first or pass its folder`);
  process.exit(2);
}

let passed = 0;
let failed = 0;
function record(name, ok, detail = "") {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
}

const fileUrl = (rel) => pathToFileURL(path.join(site, rel)).href;
const indexBytes = fs.statSync(path.join(site, "static", "search-index.js")).size;

// Results as the page shows them: council, clause number, excerpt language, link.
async function results(page) {
  return page.$$eval("#search-results > li", (items) =>
    items.map((li) => ({
      council: li.querySelector(".search-council").textContent,
      number: li.querySelector(".search-number").textContent,
      lang: li.querySelector(".search-excerpt").getAttribute("lang"),
      href: li.querySelector("a").getAttribute("href"),
      marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
    })),
  );
}

// Records, in the page, when each key went down and when the result list
// changed (and the frame after it).
async function instrument(page) {
  await page.evaluate(() => {
    window.__timing = [];
    let lastKey = 0;
    document.addEventListener("keydown", (e) => (lastKey = e.timeStamp), true);
    const list = document.getElementById("search-results");
    new MutationObserver(() => {
      const dom = performance.now();
      const key = lastKey;
      requestAnimationFrame(() => window.__timing.push({ key, dom, frame: performance.now() }));
    }).observe(list, { childList: true });
  });
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const timings = [];
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

  // 1. A query in the address, from file://.
  const t0 = Date.now();
  await page.goto(fileUrl("nb/search.html") + "?q=teieplikt");
  await page.waitForSelector("#search-results > li", { timeout: 10000 });
  const loadMs = Date.now() - t0;
  // Deferred scripts (the index and search.js, with the first search) run
  // before DOMContentLoaded.
  const dcl = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return nav ? nav.domContentLoadedEventEnd : NaN;
  });
  if (process.env.SEARCH_SCREENSHOT) await page.screenshot({ path: process.env.SEARCH_SCREENSHOT, fullPage: true });
  let hits = await results(page);
  const langs = [...new Set(hits.map((h) => h.lang))].sort();
  record(
    "file:// search.html?q=teieplikt finds clauses in nb, nn and da",
    CONTENT_LANGS.every((l) => langs.includes(l)),
    `${hits.length} results in ${langs.join(", ")}; ${(indexBytes / 1024).toFixed(0)} KiB index; DOMContentLoaded at ${dcl.toFixed(0)} ms, results shown ${loadMs} ms after navigation began`,
  );
  record(
    "results link to a clause anchor and mark the matched words",
    hits.every((h) => /^[a-z0-9_-]+\/[a-z0-9_-]+\.html#k-[0-9a-z.]+$/.test(h.href)) && hits.some((h) => h.marks.length > 0),
    hits.slice(0, 4).map((h) => `${h.council} ${h.number} [${h.marks.join(", ")}]`).join("; "),
  );
  record("the input shows the query", (await page.inputValue("#search-input")) === "teieplikt");

  // 2. Typing queries in each language.
  await instrument(page);
  for (const q of QUERIES) {
    await page.fill("#search-input", "");
    await page.focus("#search-input");
    await page.keyboard.type(q, { delay: 40 });
    await page.waitForFunction(() => window.__timing.length > 0);
    await page.waitForTimeout(150);
    const t = await page.evaluate(() => {
      const all = window.__timing;
      window.__timing = [];
      return all;
    });
    const last = t[t.length - 1];
    const perKey = t.filter((x) => x.key > 0).map((x) => x.frame - x.key);
    timings.push(...perKey);
    hits = await results(page);
    const found = [...new Set(hits.map((h) => h.lang))].sort();
    record(
      `typing ${q} finds clauses in nb, nn and da`,
      CONTENT_LANGS.every((l) => found.includes(l)),
      `${hits.length} results (${found.join(", ")}); last keystroke → results in DOM ${(last.dom - last.key).toFixed(1)} ms, → next frame ${(last.frame - last.key).toFixed(1)} ms`,
    );
    await page.waitForTimeout(700);
    const [summary, status] = await Promise.all([
      page.textContent("#search-summary"),
      page.textContent("#search-status"),
    ]);
    record(`the live region announces the count for ${q}`, status === summary && /\d|ingen|ett/i.test(status), status);
  }

  // 3. Keyboard: arrows through the results and back, Enter opens the clause.
  await page.fill("#search-input", "teieplikt");
  await page.focus("#search-input");
  await page.keyboard.press("ArrowDown");
  const first = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("ArrowDown");
  const second = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  const back = await page.evaluate(() => document.activeElement.id);
  record("arrow keys move from the input through the results and back", first && second && first !== second && back === "search-input", `${first}, ${second}, #${back}`);
  await page.keyboard.press("ArrowDown");
  await Promise.all([page.waitForURL(/#k-/), page.keyboard.press("Enter")]);
  const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
  const target = await page.evaluate((id) => !!document.getElementById(id), anchor);
  record("Enter on a result opens the clause's anchor", target, page.url().replace(/^.*\/(nb\/)/, "$1"));

  // 4. The home page's form.
  await page.goto(fileUrl("da/index.html"));
  await page.fill("#home-search", "tavshedspligt");
  await Promise.all([page.waitForURL(/search\.html\?q=tavshedspligt/), page.press("#home-search", "Enter")]);
  await page.waitForSelector("#search-results > li");
  hits = await results(page);
  record("the home page's search form opens search.html?q=…", hits.length > 0, `${hits.length} results`);
  record("no script errors", errors.length === 0, errors.slice(0, 3).join(" | "));
  await context.close();

  // 5. Over HTTP under a sub-path.
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const prefix = "/handbook/";
    if (!url.pathname.startsWith(prefix)) return res.writeHead(404).end();
    const file = path.join(site, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (!file.startsWith(site) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return res.writeHead(404).end();
    const type = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" }[path.extname(file)] || "application/octet-stream";
    res.writeHead(200, { "content-type": type }).end(fs.readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const ctx2 = await browser.newContext();
  const p2 = await ctx2.newPage();
  await p2.goto(`http://127.0.0.1:${server.address().port}/handbook/nn/search.html?q=ytringsfrihed`);
  await p2.waitForSelector("#search-results > li", { timeout: 10000 });
  hits = await results(p2);
  record("served under /handbook/, nn/search.html?q=ytringsfrihed works", new Set(hits.map((h) => h.lang)).size === 3, `${hits.length} results`);
  await ctx2.close();
  server.close();

  // 6. Without JavaScript.
  const ctx3 = await browser.newContext({ javaScriptEnabled: false });
  const p3 = await ctx3.newPage();
  await p3.goto(fileUrl("en/search.html") + "?q=teieplikt");
  const notice = await p3.locator("noscript .notice, .notice").first().textContent();
  record("without JavaScript the page says search needs it", /JavaScript/.test(notice ?? ""), notice);
  await ctx3.close();
} finally {
  await browser.close();
}

if (timings.length) {
  console.log(
    `keystroke → results painted over ${timings.length} keystrokes: median ${percentile(timings, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(timings, 95).toFixed(1)} ms, max ${Math.max(...timings).toFixed(1)} ms`,
  );
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
