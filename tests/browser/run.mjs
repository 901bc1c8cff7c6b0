#!/usr/bin/env node
// Browser checks of a built Klausul handbook ("checked as a person sees it").
//
//   node run.mjs [SITE_DIR]        (default: ../../public relative to this file)
//
// 1. serves SITE_DIR on 127.0.0.1 under a sub-path (/handbook/);
// 2. runs axe-core (WCAG 2.1 A/AA) in Chromium on one page of every type in
//    every UI language, at desktop and phone size, in light and dark scheme;
//    checks the phone view does not scroll sideways and that nothing is
//    fetched from another host or fails to load;
// 3. runs the Nu Html Checker over every .html (and .css) file;
// 4. checks every href/src (fragments included) resolves inside the output and
//    that no page or stylesheet loads anything from an external host;
// 5. opens a document and a topic page from file:// and checks they render;
// 6. writes screenshots to screenshots/ beside this file;
// 7. prints a summary ending in "N passed, M failed"; exits 1 on any failure.
//
// Environment: CHROMIUM (browser binary, default /usr/bin/chromium),
// JAVA (default java), KLAUSUL_AXE_ALL=1 runs axe on every page, not one per
// type.

import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] ?? path.join(here, "..", "..", "public"));
const shotsDir = path.join(here, "screenshots");
const SUB_PATH = "/handbook/";
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const JAVA = process.env.JAVA || "java";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
};
const SCHEMES = ["light", "dark"];
const SHOT_LANGS = new Set(["nb", "da"]);
const KNOWN_LANGS = ["nb", "nn", "da", "en"];
const JOBS = Math.max(1, Number(process.env.KLAUSUL_BROWSER_JOBS) || 2); // pages checked at once

// ---------------------------------------------------------------- results

const results = []; // { name, ok, details: string[] }
function record(name, ok, details = [], group = name.split(":")[0]) {
  results.push({ name, ok, details, group });
  const mark = ok ? "ok  " : "FAIL";
  console.log(`${mark} ${name}`);
  if (!ok) for (const d of details) console.log(`       ${d}`);
}

// ---------------------------------------------------------------- files

function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const rel = (p) => path.relative(site, p).split(path.sep).join("/");

if (!fs.existsSync(path.join(site, "index.html"))) {
  console.error(`no built site at ${site} (index.html missing); build it first or pass its folder`);
  process.exit(2);
}
const allFiles = walk(site);
// KLAUSUL_PAGE_TYPES=version,changes,history checks only those page types
// (axe and the Nu Html Checker), for a second site that has them.
const ONLY_TYPES = process.env.KLAUSUL_PAGE_TYPES ? process.env.KLAUSUL_PAGE_TYPES.split(",") : null;
const htmlFiles = allFiles.filter((f) => f.endsWith(".html"));
const cssFiles = allFiles.filter((f) => f.endsWith(".css"));
console.log(`site: ${site} (${htmlFiles.length} HTML files, ${allFiles.length} files)`);

// ---------------------------------------------------------------- discovery

// The richest page of a kind: the most different elements (a table, a
// footnote, nested lists...), then the most bytes.
function largest(files) {
  const score = (f) => {
    const src = fs.readFileSync(f, "utf8");
    return [new Set(src.match(/<[a-z][a-z0-9]*/g) ?? []).size, src.length];
  };
  return files
    .map((f) => [f, ...score(f)])
    .sort((a, b) => b[1] - a[1] || b[2] - a[2] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

const langs = fs
  .readdirSync(site, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(site, e.name, "topics", "index.html")))
  .map((e) => e.name)
  .sort((a, b) => {
    const ia = KNOWN_LANGS.indexOf(a), ib = KNOWN_LANGS.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : 1);
  });

// One representative page per type and language. The council, document and
// topic page are the richest of their kind: the most to check.
const pages = []; // { lang, type, file }
for (const lang of langs) {
  const L = path.join(site, lang);
  const councilDirs = fs
    .readdirSync(L, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !["topics", "compare"].includes(e.name) && fs.existsSync(path.join(L, e.name, "index.html")))
    .map((e) => path.join(L, e.name));
  const docs = councilDirs.flatMap((d) =>
    fs.readdirSync(d).filter((f) => f.endsWith(".html") && f !== "index.html").map((f) => path.join(d, f)),
  );
  const doc = largest(docs);
  const council = doc ? path.join(path.dirname(doc), "index.html") : councilDirs.map((d) => path.join(d, "index.html"))[0];
  const topicDir = path.join(L, "topics");
  const topic = largest(fs.readdirSync(topicDir).filter((f) => f.endsWith(".html") && f !== "index.html").map((f) => path.join(topicDir, f)));
  const wanted = {
    home: path.join(L, "index.html"),
    council,
    document: doc,
    topics: path.join(topicDir, "index.html"),
    topic,
    compare: path.join(L, "compare", "index.html"),
  };
  // A document's versions: a version not in force, the changes between
  // two versions, the clauses' history (the example handbook has them).
  const versionDirs = councilDirs.flatMap((d) =>
    fs.readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(d, e.name)),
  );
  const inVersions = versionDirs.flatMap((d) => fs.readdirSync(d).sort().map((f) => path.join(d, f)));
  wanted.version = inVersions.find((f) => /\/\d{4}-\d{2}-\d{2}\.html$/.test(f));
  wanted.changes = inVersions.find((f) => f.endsWith(path.sep + "changes.html"));
  wanted.history = inVersions.find((f) => f.endsWith(path.sep + "history.html"));
  // Any other page of the language folder or of compare/ (search, print
  // edition, document comparison, ...) is a page type of its own.
  for (const sub of ["", "compare"]) {
    const d = path.join(L, sub);
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).sort()) {
      if (!f.endsWith(".html") || f === "index.html") continue;
      wanted[(sub ? sub + "-" : "") + f.replace(/\.html$/, "")] = path.join(d, f);
    }
  }
  if (process.env.KLAUSUL_AXE_ALL) {
    for (const f of htmlFiles.filter((f) => f.startsWith(L + path.sep))) {
      const r = rel(f).slice(lang.length + 1);
      pages.push({ lang, type: r.replace(/\.html$/, "").replace(/\//g, "~"), file: f });
    }
    continue;
  }
  for (const [type, file] of Object.entries(wanted)) {
    if (ONLY_TYPES && !ONLY_TYPES.includes(type)) continue;
    // A document with three versions has a history page; the example's
    // have two (the second site checked with KLAUSUL_PAGE_TYPES has one).
    if (type === "history" && !file && !ONLY_TYPES) continue;
    if (!file || !fs.existsSync(file)) {
      record(`discover ${lang} ${type}`, false, [`no ${type} page found under ${rel(L)}/`], "discover pages");
      continue;
    }
    pages.push({ lang, type, file });
  }
}
pages.push({ lang: "root", type: "root", file: path.join(site, "index.html") });
record(
  `discover pages (${langs.join(", ")})`,
  langs.length > 0,
  langs.length ? [] : ["no language folder with topics/index.html"],
  "discover pages",
);
for (const p of pages) console.log(`       ${p.lang.padEnd(4)} ${p.type.padEnd(9)} ${rel(p.file)}`);

// ---------------------------------------------------------------- HTML parsing (no dependency)

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

// Returns [{ tag, attrs: Map, line }] for every start tag, plus the text of
// <style> elements; comments, scripts and style bodies are skipped.
function parseHtml(src) {
  const tags = [];
  const styles = [];
  const re = /<!--[\s\S]*?-->|<(script|style)\b([^>]*)>([\s\S]*?)<\/\1\s*>|<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let m;
  const lineAt = (i) => src.slice(0, i).split("\n").length;
  while ((m = re.exec(src))) {
    if (m[0].startsWith("<!--")) continue;
    const name = (m[1] || m[4]).toLowerCase();
    const attrText = m[1] ? m[2] : m[5];
    const attrs = new Map();
    const ar = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
    let a;
    while ((a = ar.exec(attrText))) attrs.set(a[1].toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ""));
    tags.push({ tag: name, attrs, line: lineAt(m.index) });
    if (name === "style") styles.push(m[3]);
  }
  return { tags, styles };
}

// ---------------------------------------------------------------- static server

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".pdf": "application/pdf",
};

function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let p;
    try {
      p = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end("bad path");
      return;
    }
    if (!p.startsWith(SUB_PATH)) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`outside ${SUB_PATH}: ${p}`);
      return;
    }
    let file = path.resolve(site, "." + path.posix.normalize("/" + p.slice(SUB_PATH.length)));
    if (file !== site && !file.startsWith(site + path.sep)) {
      res.writeHead(403).end("forbidden");
      return;
    }
    if (p.endsWith("/")) file = path.join(file, "index.html");
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${p}`);
        return;
      }
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
        "content-length": st.size,
        "cache-control": "no-store",
      });
      if (req.method === "HEAD") res.end();
      else fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// ---------------------------------------------------------------- link check

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
const idCache = new Map();
function idsOf(file) {
  if (!idCache.has(file)) {
    const ids = new Set();
    for (const t of parseHtml(fs.readFileSync(file, "utf8")).tags) {
      if (t.attrs.has("id")) ids.add(t.attrs.get("id"));
      if (t.tag === "a" && t.attrs.has("name")) ids.add(t.attrs.get("name"));
    }
    idCache.set(file, ids);
  }
  return idCache.get(file);
}

// Which attributes of which tags are links, and whether they are loaded as
// part of the page (a resource) or followed by the reader (a link).
function linksOf(tag) {
  const out = [];
  const a = tag.attrs;
  const push = (attr, kind) => a.has(attr) && out.push({ attr, url: a.get(attr).trim(), kind });
  switch (tag.tag) {
    case "a":
    case "area":
      push("href", "link");
      break;
    case "link": {
      const relv = (a.get("rel") || "").toLowerCase().split(/\s+/);
      const loads = relv.some((r) => ["stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon", "mask-icon", "preconnect", "dns-prefetch"].includes(r));
      push("href", loads ? "resource" : "link");
      break;
    }
    case "script":
    case "img":
    case "iframe":
    case "embed":
    case "audio":
    case "video":
    case "source":
    case "track":
    case "input":
      push("src", "resource");
      break;
    case "object":
      push("data", "resource");
      break;
    case "form":
      push("action", "link");
      break;
    case "blockquote":
    case "q":
    case "del":
    case "ins":
      push("cite", "link");
      break;
    case "meta":
      if ((a.get("http-equiv") || "").toLowerCase() === "refresh") {
        const m = /url\s*=\s*['"]?([^'"]+)/i.exec(a.get("content") || "");
        if (m) out.push({ attr: "content", url: m[1].trim(), kind: "link" });
      }
      break;
  }
  for (const attr of ["srcset", "imagesrcset"]) {
    if (a.has(attr)) for (const part of a.get(attr).split(",")) {
      const u = part.trim().split(/\s+/)[0];
      if (u) out.push({ attr, url: u, kind: "resource" });
    }
  }
  if (tag.tag === "video" && a.has("poster")) out.push({ attr: "poster", url: a.get("poster"), kind: "resource" });
  if (a.has("style")) for (const u of cssUrls(a.get("style"))) out.push({ attr: "style", url: u, kind: "resource" });
  return out;
}

function cssUrls(css) {
  const out = [];
  const re = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi;
  let m;
  while ((m = re.exec(css))) out.push((m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]).trim());
  return out.filter((u) => u && !u.startsWith("data:"));
}

// Resolves a local URL against a file; returns an error string or null.
function checkLocal(fromFile, url) {
  if (url === "") return "empty URL";
  if (url.startsWith("/")) return "root-relative URL breaks under a sub-path and from file://";
  const hashAt = url.indexOf("#");
  let pathPart = hashAt >= 0 ? url.slice(0, hashAt) : url;
  let frag = hashAt >= 0 ? url.slice(hashAt + 1) : null;
  pathPart = pathPart.split("?")[0];
  let target = fromFile;
  if (pathPart !== "") {
    let decoded;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      return "malformed percent-encoding";
    }
    target = path.resolve(path.dirname(fromFile), decoded);
    if (target !== site && !target.startsWith(site + path.sep)) return `points outside the output folder (${decoded})`;
    if (!fs.existsSync(target)) return `no such file: ${rel(target)}`;
    if (fs.statSync(target).isDirectory())
      return `points at a folder (${rel(target) || "."}/): works on a web server, not from file://`;
  }
  if (frag !== null && frag !== "") {
    try {
      frag = decodeURIComponent(frag);
    } catch {
      return "malformed fragment";
    }
    if (!target.endsWith(".html")) return `fragment #${frag} on a non-HTML file ${rel(target)}`;
    if (!idsOf(target).has(frag)) return `no id="${frag}" in ${rel(target)}`;
  }
  return null;
}

function checkLinks() {
  const externalLinks = new Map(); // url -> count
  let linkCount = 0;
  for (const f of htmlFiles) {
    const { tags, styles } = parseHtml(fs.readFileSync(f, "utf8"));
    const broken = [];
    const foreign = [];
    const found = tags.flatMap((t) => linksOf(t).map((l) => ({ ...l, tag: t.tag, line: t.line })));
    for (const s of styles) for (const u of cssUrls(s)) found.push({ attr: "<style>", url: u, kind: "resource", tag: "style", line: 0 });
    for (const l of found) {
      linkCount++;
      const where = `line ${l.line} <${l.tag} ${l.attr}="${l.url}">`;
      if (EXTERNAL.test(l.url)) {
        const scheme = l.url.startsWith("//") ? "//" : l.url.slice(0, l.url.indexOf(":") + 1).toLowerCase();
        if (l.kind === "resource") {
          if (scheme !== "data:") foreign.push(`${where}: loads from outside the site`);
        } else if (["http:", "https:", "mailto:", "tel:"].includes(scheme)) {
          externalLinks.set(l.url, (externalLinks.get(l.url) ?? 0) + 1);
        } else {
          broken.push(`${where}: unexpected URL scheme ${scheme}`);
        }
        continue;
      }
      const err = checkLocal(f, l.url);
      if (err) broken.push(`${where}: ${err}`);
    }
    record(`links resolve: ${rel(f)}`, broken.length === 0, broken);
    // A page below a language folder is in that language.
    const folder = rel(f).split("/")[0];
    if (langs.includes(folder)) {
      const htmlLang = tags.find((t) => t.tag === "html")?.attrs.get("lang");
      record(`html lang is the folder's: ${rel(f)}`, htmlLang === folder, [`<html lang="${htmlLang}"> in ${folder}/`], "html lang is the folder's");
    }
    record(`no external resources: ${rel(f)}`, foreign.length === 0, foreign);
  }
  for (const f of cssFiles) {
    const css = fs.readFileSync(f, "utf8");
    const bad = [];
    for (const u of cssUrls(css)) {
      if (EXTERNAL.test(u)) bad.push(`url(${u}): loads from outside the site`);
      else {
        const err = checkLocal(f, u);
        if (err) bad.push(`url(${u}): ${err}`);
      }
    }
    record(`stylesheet urls resolve, none external: ${rel(f)}`, bad.length === 0, bad);
  }
  console.log(`       ${linkCount} links and resources checked; ${externalLinks.size} distinct external links (listed, not fetched):`);
  for (const [u, n] of [...externalLinks].sort()) console.log(`         ${u}  (${n}x)`);
}

// ---------------------------------------------------------------- Nu Html Checker

function runVnu() {
  const jar = path.join(here, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
  if (!fs.existsSync(jar)) {
    record("Nu Html Checker available", false, [`${jar} missing: run npm ci in ${here}`]);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    // With only some page types: the pages of documents' versions, which
    // live in a folder per document below each council.
    const checked = ONLY_TYPES ? htmlFiles.filter((f) => rel(f).split("/").length === 4) : htmlFiles;
    const args = ["-Xss4m", "-jar", jar, "--format", "json", "--stdout", "--errors-only", "--also-check-css", ...checked, ...cssFiles];
    const child = spawn(JAVA, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", (e) => {
      record("Nu Html Checker runs", false, [`cannot start ${JAVA}: ${e.message}`]);
      resolve();
    });
    child.on("close", (code) => {
      let json;
      try {
        json = JSON.parse(out.trim());
      } catch {
        record("Nu Html Checker runs", false, [`exit ${code}; output not JSON:`, ...(err + out).split("\n").slice(0, 20)]);
        resolve();
        return;
      }
      const byFile = new Map([...checked, ...cssFiles].map((f) => [f, []]));
      const other = [];
      for (const m of json.messages ?? []) {
        if (m.type !== "error" && !(m.type === "non-document-error")) continue;
        const file = m.url ? fileURLToPath(m.url) : null;
        const line = `${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"} ${m.message}${m.extract ? `  «${m.extract.replace(/\s+/g, " ").trim()}»` : ""}`;
        if (file && byFile.has(file)) byFile.get(file).push(line);
        else other.push(`${m.url ?? ""} ${line}`);
      }
      record("Nu Html Checker runs", other.length === 0, other);
      for (const [f, errs] of byFile) record(`Nu Html Checker: ${rel(f)}`, errs.length === 0, errs);
      resolve();
    });
  });
}

// ---------------------------------------------------------------- browser checks

async function runBrowser(baseUrl) {
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch (e) {
    record("playwright-core available", false, [`${e.message}: run npm ci in ${here}`]);
    return;
  }
  if (!fs.existsSync(CHROMIUM)) {
    record("Chromium available", false, [`${CHROMIUM} missing: apt-get install -y chromium`]);
    return;
  }
  const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  // launch() gives every run a fresh temporary profile (user-data-dir).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  fs.rmSync(shotsDir, { recursive: true, force: true });
  fs.mkdirSync(shotsDir, { recursive: true });
  const base = new URL(baseUrl);
  let undecidedContrast = 0;
  try {
    const tasks = pages.flatMap((pg) =>
      Object.entries(VIEWPORTS).flatMap(([vpName, viewport]) => SCHEMES.map((scheme) => ({ pg, vpName, viewport, scheme }))),
    );
    const worker = async () => {
      for (let t; (t = tasks.shift()); ) {
        const { pg, vpName, viewport, scheme } = t;
        const url = new URL(rel(pg.file), baseUrl).href;
        {
          const label = `${pg.lang} ${pg.type} ${vpName} ${scheme}`;
          const ctx = await browser.newContext({ viewport, colorScheme: scheme, reducedMotion: "reduce", serviceWorkers: "block" });
          const problems = [];
          let loaded = false;
          const cancelled = new Set();
          await ctx.route("**/*", (route) => {
            const req = route.request();
            const u = new URL(req.url());
            // Once the page is in, stay on it: a later navigation (the root
            // page's meta refresh) is answered 204, which browsers ignore.
            if (loaded && req.isNavigationRequest() && req.frame() === page.mainFrame()) {
              cancelled.add(req.url());
              return route.fulfill({ status: 204 });
            }
            if (u.origin === base.origin || u.protocol === "data:") return route.continue();
            problems.push(`request to another host blocked: ${u.href}`);
            return route.abort();
          });
          const page = await ctx.newPage();
          page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()}`));
          page.on("requestfailed", (r) => !cancelled.has(r.url()) && !problems.some((p) => p.includes(r.url())) && problems.push(`failed to load ${r.url()}: ${r.failure()?.errorText}`));
          page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
          try {
            const resp = await page.goto(url, { waitUntil: "load" });
            loaded = true;
            // Scripts may still be fetching data (the document comparison does).
            await page.waitForLoadState("networkidle", { timeout: 5000 }).catch(() => {});
            if (!resp || !resp.ok()) problems.push(`page answered ${resp?.status()}`);
            if (pg.type === "root") await page.waitForTimeout(300); // let the refresh fire (and be ignored)
            // (Scripts may rewrite the query, e.g. to keep filters in the URL.)
            if (new URL(page.url()).pathname !== new URL(url).pathname) throw new Error(`left the page for ${page.url()}`);
            await page.addScriptTag({ content: axeSource });
            const axe = await page.evaluate(
              (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"] }),
              AXE_TAGS,
            );
            const details = [];
            for (const v of axe.violations) {
              details.push(`[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"})`);
              for (const n of v.nodes.slice(0, 5)) {
                details.push(`    ${n.target.join(" ")}  ${n.html.replace(/\s+/g, " ").slice(0, 160)}`);
                const why = (n.any[0] ?? n.all[0] ?? n.none[0])?.message;
                if (why) details.push(`      ${why}`);
              }
            }
            // axe could not decide the contrast of some text: say so, since
            // contrast must pass in both schemes.
            const undecided = axe.incomplete.filter((v) => v.id === "color-contrast").flatMap((v) => v.nodes);
            record(`axe ${label}: ${rel(pg.file)}`, axe.violations.length === 0, details, "axe-core WCAG 2.1 A/AA");
            for (const n of undecided.slice(0, 5)) {
              console.log(`       note: axe could not decide the contrast of ${n.target.join(" ")}: ${(n.any[0] ?? {}).message ?? ""}`);
            }
            undecidedContrast += undecided.length;
            if (problems.length) record(`loads cleanly ${label}: ${rel(pg.file)}`, false, problems, "loads cleanly");
            if (vpName === "phone" && scheme === "light") {
              const m = await page.evaluate(() => {
                const w = document.documentElement.clientWidth;
                const wide = [];
                const scrolls = (el) => {
                  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                    if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(p).overflowX)) return true;
                  }
                  return false;
                };
                for (const el of document.querySelectorAll("body *")) {
                  const r = el.getBoundingClientRect();
                  if (r.width && r.right > w + 1 && !scrolls(el)) {
                    wide.push(`${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ")[0] : ""} right=${Math.round(r.right)}`);
                  }
                }
                return { scroll: document.documentElement.scrollWidth, w, wide: wide.slice(0, 5) };
              });
              record(`no sideways scrolling at 390px ${pg.lang} ${pg.type}`, m.scroll <= m.w, [`page is ${m.scroll}px wide in a ${m.w}px viewport`, ...m.wide], "no sideways scrolling at 390px");
            }
            if (pg.type === "home" && vpName === "desktop" && scheme === "light") {
              // Keyboard: the first Tab lands on a visible skip link to main.
              await page.keyboard.press("Tab");
              const k = await page.evaluate(() => {
                const a = document.activeElement;
                const r = a.getBoundingClientRect();
                return { href: a.getAttribute("href"), visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight, text: a.textContent.trim() };
              });
              record(`keyboard: first Tab shows the skip link ${pg.lang}`, k.href === "#main" && k.visible, [`focused ${JSON.stringify(k)}`], "keyboard skip link");
            }
            const shoot = (SHOT_LANGS.has(pg.lang) || pg.lang === "root") && (scheme === "light" || vpName === "desktop");
            if (shoot) {
              const file = path.join(shotsDir, `${pg.lang}-${pg.type}-${vpName}-${scheme}.png`);
              await page.evaluate(() => document.activeElement?.blur());
              const height = await page.evaluate(() => document.documentElement.scrollHeight);
              const width = await page.evaluate(() => document.documentElement.scrollWidth);
              // Very long pages (the print edition) are cut at 8000px.
              await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, 8000) } });
              record(`screenshot ${path.relative(here, file)}`, fs.statSync(file).size > 1000, [], "screenshots");
            }
          } catch (e) {
            record(`axe ${label}: ${rel(pg.file)}`, false, [String(e.stack || e)], "axe-core WCAG 2.1 A/AA");
          } finally {
            await ctx.close();
          }
        }
      }
    };
    await Promise.all(Array.from({ length: JOBS }, worker));

    console.log(`       ${undecidedContrast} text nodes whose contrast axe could not decide (see notes above)`);

    // The root page sends readers on to the default language.
    {
      const ctx = await browser.newContext({ viewport: VIEWPORTS.desktop });
      const page = await ctx.newPage();
      try {
        await page.goto(baseUrl, { waitUntil: "load" });
        await page.waitForURL((u) => u.href !== baseUrl && !u.href.endsWith(`${SUB_PATH}index.html`), { timeout: 5000 });
        const h1 = await page.evaluate(() => document.querySelector("h1")?.textContent.trim() ?? null);
        const at = page.url();
        const ok = at.startsWith(baseUrl) && langs.some((l) => at === `${baseUrl}${l}/index.html`) && !!h1;
        record(`root ${SUB_PATH} redirects to a language home: ${at.slice(baseUrl.length)}`, ok, [`ended at ${at}, h1 ${JSON.stringify(h1)}`], "root redirect");
      } catch (e) {
        record("root redirects to a language home", false, [String(e.message || e)], "root redirect");
      } finally {
        await ctx.close();
      }
    }

    // file://: the handbook must work from a USB stick.
    const fileTargets = pages.filter((p) => ["document", "topic"].includes(p.type) && (p.lang === langs[0] || p.lang === "da"));
    for (const pg of fileTargets) {
      const ctx = await browser.newContext({ viewport: VIEWPORTS.desktop, colorScheme: "light" });
      const page = await ctx.newPage();
      const failed = [];
      page.on("requestfailed", (r) => failed.push(`failed to load ${r.url()}: ${r.failure()?.errorText}`));
      try {
        const url = pathToFileURL(pg.file).href;
        await page.goto(url, { waitUntil: "load" });
        const r = await page.evaluate(() => {
          const h1 = document.querySelector("main h1, h1");
          const cs = getComputedStyle(document.body);
          const sheets = [...document.styleSheets].map((s) => s.href).filter(Boolean);
          const nav = document.querySelector(".main-nav a, nav a[href$='.html']");
          return { h1: h1?.textContent.trim() ?? null, fontSize: cs.fontSize, sheets, nav: nav?.href ?? null };
        });
        const errs = [...failed];
        if (!r.h1) errs.push("no h1 heading");
        if (r.fontSize === "16px") errs.push(`body font-size ${r.fontSize}: the stylesheet did not apply (sheets: ${r.sheets.join(", ") || "none"})`);
        // Follow a navigation link: it must open a page, not a folder listing.
        if (r.nav) {
          await page.goto(r.nav, { waitUntil: "load" });
          const h1 = await page.evaluate(() => document.querySelector("h1")?.textContent.trim() ?? null);
          if (!h1) errs.push(`following ${r.nav} from file:// gave no page with an h1`);
        }
        record(`file:// renders ${pg.lang} ${pg.type}: ${rel(pg.file)} (h1 "${r.h1}", body ${r.fontSize})`, errs.length === 0, errs, "file:// renders");
        if (SHOT_LANGS.has(pg.lang)) {
          await page.goto(url, { waitUntil: "load" });
          await page.screenshot({ path: path.join(shotsDir, `${pg.lang}-${pg.type}-file.png`) });
        }
      } catch (e) {
        record(`file:// renders ${pg.lang} ${pg.type}`, false, [String(e.stack || e)], "file:// renders");
      } finally {
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------- main

const started = Date.now();
console.log("\n== links and external resources");
checkLinks();

console.log("\n== Nu Html Checker (every .html and .css file)");
const vnuDone = runVnu(); // java runs while Chromium works

const server = await startServer();
const baseUrl = `http://127.0.0.1:${server.address().port}${SUB_PATH}`;
console.log(`\n== Chromium + axe-core (${AXE_TAGS.join(", ")}), served at ${baseUrl}`);
try {
  await runBrowser(baseUrl);
} finally {
  server.close();
}
await vnuDone;

const failed = results.filter((r) => !r.ok);
const passed = results.length - failed.length;
console.log(`\n== summary (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const groups = new Map();
for (const r of results) {
  const key = r.group;
  const g = groups.get(key) ?? { pass: 0, fail: 0 };
  r.ok ? g.pass++ : g.fail++;
  groups.set(key, g);
}
for (const [k, g] of groups) console.log(`  ${k.padEnd(48)} ${g.pass} passed, ${g.fail} failed`);
if (failed.length) {
  console.log("\nfailed checks:");
  for (const r of failed) console.log(`  - ${r.name}`);
}
console.log(`screenshots: ${shotsDir}`);
console.log(`${passed} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
