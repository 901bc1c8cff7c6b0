// Checks the query side of search against what Rust computed: run by
// tests/search_js.rs as `node tests/search_js.mjs FIXTURE.json`.
//
// - every word's Snowball Norwegian and Danish stem (the JavaScript port in
//   search.js against rust-stemmers);
// - folding, tokens with their offsets, and indexed words;
// - query analysis (stems and equivalence class of each query word);
// - queries on the example handbook's real index find clauses in nb, nn and da.
import fs from 'node:fs';
import vm from 'node:vm';

const fixture = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const mod = { exports: {} };
vm.runInNewContext(fs.readFileSync(fixture.search_js, 'utf8'), { module: mod }, {
  filename: 'search.js',
});
const S = mod.exports;
const win = {};
vm.runInNewContext(fs.readFileSync(fixture.index, 'utf8'), { window: win }, {
  filename: 'search-index.js',
});
const index = win.KlausulSearchIndex;

const failures = [];
// JSON with object keys sorted, as serde_json writes them.
const canonical = (v) =>
  JSON.stringify(v, (k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.keys(x).sort().map((key) => [key, x[key]]))
      : x);
const same = (a, b) => canonical(a) === canonical(b);
function check(what, got, want) {
  if (!same(got, want)) failures.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

// 1. Stemmers.
for (const [word, no, da] of fixture.stems) {
  check(`Norwegian stem of ${JSON.stringify(word)}`, S.stemNorwegian(word), no);
  check(`Danish stem of ${JSON.stringify(word)}`, S.stemDanish(word), da);
}

// 2. Folding, tokens, words.
const an = new S.Analyzer(index);
for (const [word, folded] of fixture.folds) check(`fold ${JSON.stringify(word)}`, an.fold(word), folded);
for (const t of fixture.texts) {
  check(`tokens of ${JSON.stringify(t.text)}`, S.tokens(t.text).map((x) => [x.at, x.word]), t.tokens);
  check(`words of ${JSON.stringify(t.text)}`, an.words(t.text), t.words);
}

// 3. Query analysis.
for (const q of fixture.queries) check(`query ${JSON.stringify(q.query)}`, an.queryWords(q.query), q.words);

// 4. Queries on the example handbook: each finds clauses in all three languages.
const searcher = new S.Searcher(index);
const describe = (id) => {
  const [doc, number] = index.clauses[id];
  const d = index.docs[doc];
  return { council: index.councils[d[0]][0], number, lang: d[3] };
};
const report = [];
for (const q of ['teieplikt', 'taushetsplikt', 'tavshedspligt', 'ytringsfrihet', 'personvern']) {
  const r = searcher.search(q);
  const hits = r.results.map(describe);
  const langs = [...new Set(hits.map((h) => h.lang))].sort();
  const councils = [...new Set(hits.map((h) => h.council))].sort();
  check(`languages found by ${q}`, langs, ['da', 'nb', 'nn']);
  const t0 = performance.now();
  const runs = 200;
  for (let i = 0; i < runs; i++) searcher.search(q);
  const ms = (performance.now() - t0) / runs;
  report.push(`  ${q}: ${hits.length} clauses from ${councils.join(', ')} (${langs.join(', ')}), ${ms.toFixed(3)} ms a query`);
}
// A clause number narrows to that clause; the excerpt marks the matched word.
const volda = searcher.search('Volda 2.i').results.map(describe);
check('Volda 2.i', volda.map((h) => `${h.council} ${h.number}`), ['volda 2.i']);
const r = searcher.search('teieplikt');
const marked = r.results
  .flatMap((id) => searcher.excerpt(id, r.matched).filter((p) => p[1]).map((p) => p[0].toLowerCase()));
for (const w of ['teieplikta', 'taushetsplikt', 'tavshedspligten']) {
  check(`${w} is marked in the excerpts for teieplikt`, marked.some((m) => m.startsWith(w.slice(0, 8))), true);
}
check('a query of stop words only finds nothing', searcher.search('og i på').results.length, 0);
check('an empty query is empty', searcher.search('   ').empty, true);

if (failures.length) {
  console.log(`${failures.length} differences between Rust and JavaScript:`);
  for (const f of failures.slice(0, 40)) console.log('  ' + f);
  process.exit(1);
}
console.log(`OK: ${fixture.stems.length} words stemmed identically by rust-stemmers and search.js (Norwegian and Danish)`);
console.log(`OK: ${fixture.folds.length} folds, ${fixture.texts.length} texts, ${fixture.queries.length} queries analysed identically`);
console.log('Queries on the example handbook:');
for (const line of report) console.log(line);
