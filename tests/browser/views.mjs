#!/usr/bin/env node
// Browser checks of the comparing views, used as a policy writer would,
// from file:// (a USB stick) in headless Chromium:
// 1. a topic page with councils chosen in the URL: the hidden councils are
//    named in the status line, and the word-by-word comparison marks words;
// 2. the same page without JavaScript: every council shown, no filter form;
// 3. comparing two documents: aligned rows, each column in its language;
// 4. the comparison table filtered by language, with the hidden councils
//    said in text.
// Prints "N passed, M failed"; exits 1 on any failure.
//
//   node views.mjs [SITE_DIR]

import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] ?? path.join(here, "..", "..", "public"));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const results = [];
function check(name, ok, detail = "") {
  results.push({ name, ok });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok || !detail ? "" : `: ${detail}`}`);
}
const url = (rel, query = "") => pathToFileURL(path.join(site, rel)).href + query;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  // 1. Topic page, councils chosen in the URL, differences on.
  {
    const page = await browser.newPage();
    await page.goto(url("en/topics/confidentiality.html", "?country=NO&diff=1"), { waitUntil: "load" });
    const r = await page.evaluate(() => ({
      formShown: !document.querySelector("form.filters").hidden,
      status: document.querySelector(".filter-status").textContent,
      hidden: [...document.querySelectorAll("section.variant")].filter((s) => s.hidden).map((s) => s.dataset.council),
      shown: [...document.querySelectorAll("section.variant")].filter((s) => !s.hidden).map((s) => s.dataset.council),
      ins: document.querySelectorAll("section.variant:not([hidden]) .diff-text ins").length,
      del: document.querySelectorAll("section.variant:not([hidden]) .diff-text del").length,
      roles: [...document.querySelectorAll("section.variant:not([hidden]) .diff-role")].map((r) => r.textContent),
      pick: document.querySelectorAll(".pick-list input[name=council]").length,
    }));
    check("topic page: filter form shown with JavaScript", r.formShown);
    check("topic page: ?country=NO hides the Danish council", r.hidden.join() === "norddjurs", JSON.stringify(r));
    check("topic page: the status line names what the filter hides", /Showing 3 of 4 councils/.test(r.status) && r.status.includes("Norddjurs Kommune"), r.status);
    check("topic page: word differences marked between the two Bokmål variants", r.ins > 0 && r.del > 0, JSON.stringify(r));
    check("topic page: baseline and compared columns are labelled", r.roles.includes("Baseline for the comparison") && r.roles.includes("Compared with the baseline"), r.roles.join(" | "));
    check("topic page: councils can be picked by name", r.pick === 4, String(r.pick));
    // Unticking a council by name updates the URL, so the view can be shared.
    await page.click(".pick summary");
    await page.uncheck(".pick-list input[value=volda]");
    const q = new URL(page.url()).search;
    check("topic page: the choice is kept in the URL", q.includes("council=") && !q.includes("volda"), q);
    await page.close();
  }
  // 2. Without JavaScript.
  {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(url("en/topics/confidentiality.html", "?country=NO"), { waitUntil: "load" });
    const r = await page.evaluate(() => ({
      visible: [...document.querySelectorAll("section.variant")].filter((s) => s.offsetParent !== null).length,
      formVisible: document.querySelector("form.filters").offsetParent !== null,
    }));
    check("topic page without JavaScript: every council shown, no filter form", r.visible === 4 && !r.formVisible, JSON.stringify(r));
    await ctx.close();
  }
  // 3. Comparing two documents.
  {
    const page = await browser.newPage();
    await page.goto(url("nb/compare/documents.html", "?d=volda--sosiale-medium&d=norddjurs--sociale-medier-guide"), { waitUntil: "load" });
    await page.waitForSelector("table.aligned tbody tr", { timeout: 5000 }).catch(() => {});
    const r = await page.evaluate(() => ({
      rows: document.querySelectorAll("table.aligned tbody tr").length,
      heads: [...document.querySelectorAll("table.aligned thead th[lang]")].map((t) => t.lang),
      cellLangs: [...new Set([...document.querySelectorAll("table.aligned tbody td[lang]")].map((t) => t.lang))].sort(),
      clauseLinks: document.querySelectorAll("table.aligned a.clause-ref").length,
    }));
    check("compare documents: rows aligned by topic", r.rows >= 5, JSON.stringify(r));
    check("compare documents: each column in its own language", r.heads.join() === "nn,da" && r.cellLangs.join() === "da,nn", JSON.stringify(r));
    check("compare documents: clauses link back", r.clauseLinks > 5, JSON.stringify(r));
    await page.close();
  }
  // 4. The comparison table filtered by language.
  {
    const page = await browser.newPage();
    await page.goto(url("da/compare/index.html", "?lang=da"), { waitUntil: "load" });
    const r = await page.evaluate(() => ({
      shownHeads: [...document.querySelectorAll("#table thead th[data-council]")].filter((t) => !t.hidden).map((t) => t.dataset.council),
      status: document.querySelector(".filter-status").textContent,
    }));
    check("comparison table: ?lang=da shows the Danish council only", r.shownHeads.join() === "norddjurs", JSON.stringify(r));
    check("comparison table: the hidden councils are named", r.status.includes("Volda kommune") && r.status.includes("Bodø kommune"), r.status);
    await page.close();
  }
} finally {
  await browser.close();
}
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
