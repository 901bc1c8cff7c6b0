/* Klausul search: the query side. No dependencies and no network: the index
   is the script static/search-index.js, loaded with <script src> before this
   one, which sets window.KlausulSearchIndex (fetch is blocked on file://).

   Text analysis mirrors src/search.rs exactly: the same tokens, folding
   (from the index's own table), stop words, Snowball stemmers and
   equivalence classes. The stemmers below are a port of the Norwegian and
   Danish algorithms of rust-stemmers 1.2, checked word by word against it by
   tests/search_js.rs. In node this file exports its functions for that test. */
(function (global) {
  'use strict';

  /* ---------- Snowball stemmers (Norwegian, Danish) ---------- */

  function codes(word) {
    var out = [];
    for (var ch of word) out.push(ch.codePointAt(0));
    return out;
  }

  function fromCodes(w) {
    var s = '';
    for (var i = 0; i < w.length; i++) s += String.fromCodePoint(w[i]);
    return s;
  }

  // a e i o u y æ å ø: the vowels of both algorithms.
  var VOWELS = new Set(codes('aeiouyæåø'));
  function isVowel(c) {
    return VOWELS.has(c);
  }

  // R1: after the first non-vowel that follows a vowel, and at least after
  // the third letter. Words shorter than three letters have no R1.
  function markRegion(w) {
    var n = w.length;
    if (n < 3) return n;
    var i = 0;
    while (i < n && !isVowel(w[i])) i++;
    while (i < n && isVowel(w[i])) i++;
    if (i >= n) return n;
    return Math.max(i + 1, 3);
  }

  // A suffix table, longest first: Snowball's `among` picks the longest
  // suffix that lies within the region.
  function table(entries) {
    return entries
      .map(function (e) {
        return [codes(e[0]), e[1]];
      })
      .sort(function (a, b) {
        return b[0].length - a[0].length;
      });
  }

  function findSuffix(w, lb, tab) {
    var n = w.length;
    for (var t = 0; t < tab.length; t++) {
      var s = tab[t][0];
      var start = n - s.length;
      if (start < lb) continue;
      var ok = true;
      for (var k = 0; k < s.length; k++) {
        if (w[start + k] !== s[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return tab[t];
    }
    return null;
  }

  function endsWith(w, s) {
    if (s.length > w.length) return false;
    for (var k = 0; k < s.length; k++) {
      if (w[w.length - s.length + k] !== s[k]) return false;
    }
    return true;
  }

  var K = 107;
  var ER = codes('er');

  var NO_MAIN = table([
    ['a', 1], ['e', 1], ['ede', 1], ['ande', 1], ['ende', 1], ['ane', 1], ['ene', 1],
    ['hetene', 1], ['erte', 3], ['en', 1], ['heten', 1], ['ar', 1], ['er', 1], ['heter', 1],
    ['s', 2], ['as', 1], ['es', 1], ['edes', 1], ['endes', 1], ['enes', 1], ['hetenes', 1],
    ['ens', 1], ['hetens', 1], ['ers', 1], ['ets', 1], ['et', 1], ['het', 1], ['ert', 3],
    ['ast', 1]
  ]);
  var NO_PAIR = table([['dt', 1], ['vt', 1]]);
  var NO_OTHER = table([
    ['leg', 1], ['eleg', 1], ['ig', 1], ['eig', 1], ['lig', 1], ['elig', 1], ['els', 1],
    ['lov', 1], ['elov', 1], ['slov', 1], ['hetslov', 1]
  ]);
  var NO_S_ENDING = new Set(codes('bcdfghjlmnoprtvyz'));

  function stemNorwegian(word) {
    var w = codes(word);
    var p1 = markRegion(w);
    var m = findSuffix(w, p1, NO_MAIN);
    if (m) {
      var start = w.length - m[0].length;
      if (m[1] === 1) {
        w.length = start;
      } else if (m[1] === 2) {
        if (
          (start >= 1 && NO_S_ENDING.has(w[start - 1])) ||
          (start >= 2 && w[start - 1] === K && !isVowel(w[start - 2]))
        ) {
          w.length = start;
        }
      } else {
        w.length = start;
        w.push(ER[0], ER[1]);
      }
    }
    if (findSuffix(w, p1, NO_PAIR)) w.length -= 1;
    m = findSuffix(w, p1, NO_OTHER);
    if (m) w.length -= m[0].length;
    return fromCodes(w);
  }

  var DA_MAIN = table([
    ['hed', 1], ['ethed', 1], ['ered', 1], ['e', 1], ['erede', 1], ['ende', 1], ['erende', 1],
    ['ene', 1], ['erne', 1], ['ere', 1], ['en', 1], ['heden', 1], ['eren', 1], ['er', 1],
    ['heder', 1], ['erer', 1], ['s', 2], ['heds', 1], ['es', 1], ['endes', 1], ['erendes', 1],
    ['enes', 1], ['ernes', 1], ['eres', 1], ['ens', 1], ['hedens', 1], ['erens', 1], ['ers', 1],
    ['ets', 1], ['erets', 1], ['et', 1], ['eret', 1]
  ]);
  var DA_PAIR = table([['gd', 1], ['dt', 1], ['gt', 1], ['kt', 1]]);
  var DA_OTHER = table([['ig', 1], ['lig', 1], ['elig', 1], ['els', 1], ['løst', 2]]);
  var DA_S_ENDING = new Set(codes('abcdfghjklmnoprtvyzå'));
  var IGST = codes('igst');

  function daConsonantPair(w, p1) {
    if (findSuffix(w, p1, DA_PAIR)) w.length -= 1;
  }

  function stemDanish(word) {
    var w = codes(word);
    var p1 = markRegion(w);
    var m = findSuffix(w, p1, DA_MAIN);
    if (m) {
      var start = w.length - m[0].length;
      if (m[1] === 1 || (start >= 1 && DA_S_ENDING.has(w[start - 1]))) w.length = start;
    }
    daConsonantPair(w, p1);
    if (endsWith(w, IGST)) w.length -= 2;
    m = findSuffix(w, p1, DA_OTHER);
    if (m) {
      if (m[1] === 1) {
        w.length -= m[0].length;
        daConsonantPair(w, p1);
      } else {
        w.length -= 1; // løst -> løs
      }
    }
    var n = w.length;
    if (n > p1 && n >= 2 && !isVowel(w[n - 1]) && w[n - 2] === w[n - 1]) w.length = n - 1;
    return fromCodes(w);
  }

  /* ---------- Tokens, folding, classes ---------- */

  var WORD = /[\p{Alphabetic}\p{N}\u0300-\u036f]+/gu;

  // The words of a text as {at, word} (at: UTF-16 offset), unfolded.
  function tokens(text) {
    var out = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) out.push({ at: m.index, word: m[0] });
    return out;
  }

  function lengthOf(s) {
    var n = 0;
    for (var ch of s) n++; // eslint-disable-line no-unused-vars
    return n;
  }

  function Analyzer(index) {
    this.folds = new Map(Object.entries(index.fold));
    this.stop = new Set(index.stop);
    this.minWord = index.min_word;
    this.keys = new Map(Object.entries(index.classes.keys));
    this.prefixes = index.classes.prefixes;
    this.stems = new Map();
  }

  // Lowercases and folds one word: æ→ae, ø/ö→oe, å→aa, accents dropped.
  Analyzer.prototype.fold = function (word) {
    var out = '';
    for (var c of word.toLowerCase()) {
      var cp = c.codePointAt(0);
      if (cp >= 0x300 && cp <= 0x36f) {
        var last = out.slice(-1);
        if (cp === 0x308 && (last === 'a' || last === 'o')) out += 'e';
        else if (cp === 0x30a && last === 'a') out += 'a';
      } else {
        var f = this.folds.get(c);
        out += f === undefined ? c : f;
      }
    }
    return out;
  };

  // A folded word if it is indexed and searched, else null.
  Analyzer.prototype.keep = function (word) {
    var f = this.fold(word);
    return lengthOf(f) >= this.minWord && !this.stop.has(f) ? f : null;
  };

  Analyzer.prototype.words = function (text) {
    var out = [];
    var toks = tokens(text);
    for (var i = 0; i < toks.length; i++) {
      var f = this.keep(toks[i].word);
      if (f !== null) out.push(f);
    }
    return out;
  };

  // Stems a folded word: family 'no' (nb, nn) or 'da'. Cached.
  Analyzer.prototype.stem = function (family, word) {
    var key = family + word;
    var s = this.stems.get(key);
    if (s === undefined) {
      s = family === 'da' ? stemDanish(word) : stemNorwegian(word);
      this.stems.set(key, s);
    }
    return s;
  };

  // The equivalence class of a folded word: by the word, a stem, or as the
  // first part of a compound. -1 if none.
  Analyzer.prototype.classOf = function (word, stems) {
    var c = this.keys.get(word);
    if (c !== undefined) return c;
    for (var i = 0; i < stems.length; i++) {
      c = this.keys.get(stems[i]);
      if (c !== undefined) return c;
    }
    for (var j = 0; j < this.prefixes.length; j++) {
      if (word.startsWith(this.prefixes[j])) return this.keys.get(this.prefixes[j]);
    }
    return -1;
  };

  // Each query word with its stems (both stemmers) and class, as
  // search::query_words does in Rust.
  Analyzer.prototype.queryWords = function (query) {
    var self = this;
    return this.words(query).map(function (w) {
      var stems = [self.stem('no', w), self.stem('da', w)];
      if (stems[0] === stems[1]) stems.pop();
      var cls = self.classOf(w, stems);
      return { word: w, stems: stems, class: cls < 0 ? null : cls };
    });
  };

  function familyOf(lang) {
    return lang === 'da' ? 'da' : 'no';
  }

  /* ---------- Postings ---------- */

  var DIGIT = new Int8Array(128).fill(-1);
  var LAST = '0123456789abcdefghijklmnopqrstuv';
  var MORE = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-';
  for (var d = 0; d < 32; d++) {
    DIGIT[LAST.charCodeAt(d)] = d;
    DIGIT[MORE.charCodeAt(d)] = 32 + d;
  }

  function decode(s) {
    var out = [];
    var v = 0;
    var prev = -1;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d < 32) {
        prev += v * 32 + d + 1;
        out.push(prev);
        v = 0;
      } else {
        v = v * 32 + (d - 32);
      }
    }
    return out;
  }

  /* ---------- Searching ---------- */

  var W_EXACT = 1;
  var W_CLASS = 0.9; // a class reached through a prefix
  var W_TOPIC = 0.5;
  var W_PREFIX = 0.4;
  var W_COUNCIL = 0.3;
  var MAX_PREFIX_TERMS = 400;
  var MIN_BACKOFF = 5;
  var NUMBER = /^\d+(?:\.[\p{L}\p{N}]+)+$/u;

  function Searcher(index) {
    this.index = index;
    this.an = new Analyzer(index);
    this.n = index.clauses.length;
    this.cache = new Map();
    this.topicWords = new Map(Object.entries(index.topics.words));
    this.councilWords = new Map(Object.entries(index.council_words));
    // Each council's clauses are one run: [first, end).
    this.councilRange = index.councils.map(function () {
      return [0, 0];
    });
    var seen = new Set();
    for (var i = 0; i < index.clauses.length; i++) {
      var c = index.docs[index.clauses[i][0]][0];
      if (!seen.has(c)) {
        seen.add(c);
        this.councilRange[c][0] = i;
      }
      this.councilRange[c][1] = i + 1;
    }
  }

  Searcher.prototype.list = function (kind, i, encoded) {
    var key = kind + i;
    var ids = this.cache.get(key);
    if (ids === undefined) {
      ids = decode(encoded);
      this.cache.set(key, ids);
    }
    return ids;
  };

  Searcher.prototype.idf = function (df) {
    return Math.log(1 + this.n / Math.max(df, 1));
  };

  // First term >= s.
  Searcher.prototype.lowerBound = function (s) {
    var terms = this.index.terms;
    var lo = 0;
    var hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (terms[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  Searcher.prototype.termIndex = function (s) {
    var i = this.lowerBound(s);
    return i < this.index.terms.length && this.index.terms[i] === s ? i : -1;
  };

  // Clause -> score for one query word; records what matched for highlighting.
  Searcher.prototype.matchWord = function (q, matched) {
    var self = this;
    var idx = this.index;
    var hits = new Map();
    // Words of an equivalence class score as the class does, so a clause in
    // another language ranks level with one that has the very word typed.
    var classDf = q.class !== null ? this.list('c', q.class, idx.classes.postings[q.class]).length : 0;
    function add(ids, weight, df) {
      var w = weight * self.idf(df || ids.length);
      for (var i = 0; i < ids.length; i++) {
        var old = hits.get(ids[i]);
        if (old === undefined || old < w) hits.set(ids[i], w);
      }
    }
    var exact = new Set();
    q.stems.forEach(function (s) {
      var i = self.termIndex(s);
      if (i >= 0) {
        exact.add(s);
        matched.terms.add(s);
        add(self.list('t', i, idx.postings[i]), W_EXACT, classDf);
      }
    });
    if (q.class !== null) {
      matched.classes.add(q.class);
      add(this.list('c', q.class, idx.classes.postings[q.class]), W_EXACT);
    }
    // A word that matches nothing may be a word half typed past its stem
    // ("tavshedspl" on the way to "tavshedspligt", stem "tavshedsp"): it
    // falls back to the longest stem or class word that begins it.
    var topicKeys = [q.word].concat(q.stems);
    if (exact.size === 0 && q.class === null) {
      for (var len = q.word.length - 1; len >= MIN_BACKOFF; len--) {
        var p = q.word.slice(0, len);
        var ti = this.termIndex(p);
        var pc = this.an.keys.get(p);
        var pt = this.topicWords.has(p);
        if (pt) topicKeys.push(p);
        if (ti >= 0) {
          matched.prefixes.add(p);
          add(this.list('t', ti, idx.postings[ti]), W_PREFIX);
        }
        if (pc !== undefined) {
          matched.classes.add(pc);
          add(this.list('c', pc, idx.classes.postings[pc]), W_PREFIX * W_CLASS);
        }
        if (ti >= 0 || pc !== undefined || pt) break;
      }
    }
    // Words as prefixes, for words still being typed and compounds.
    var starts = [q.word].concat(q.stems).filter(function (s, i, all) {
      return lengthOf(s) >= 3 && all.indexOf(s) === i;
    });
    starts.forEach(function (p) {
      var terms = idx.terms;
      var first = self.lowerBound(p);
      var end = Math.min(terms.length, first + MAX_PREFIX_TERMS);
      for (var i = first; i < end && terms[i].startsWith(p); i++) {
        var t = terms[i];
        if (exact.has(t)) continue;
        matched.prefixes.add(t);
        add(self.list('t', i, idx.postings[i]), W_PREFIX);
        var c = self.an.keys.get(t);
        if (c !== undefined) {
          matched.classes.add(c);
          add(self.list('c', c, idx.classes.postings[c]), W_PREFIX * W_CLASS);
        }
      }
    });
    // Topic titles in every language.
    topicKeys.forEach(function (k) {
      (self.topicWords.get(k) || []).forEach(function (t) {
        add(self.list('p', t, idx.topics.postings[t]), W_TOPIC);
      });
    });
    // Council names.
    (this.councilWords.get(q.word) || []).forEach(function (c) {
      var r = self.councilRange[c];
      var ids = [];
      for (var i = r[0]; i < r[1]; i++) ids.push(i);
      add(ids, W_COUNCIL);
    });
    return hits;
  };

  // Runs a query: every word must match (by stem, class, prefix, topic or
  // council); clause numbers such as 2.i narrow the results.
  Searcher.prototype.search = function (query) {
    var numbers = [];
    var rest = [];
    String(query)
      .split(/\s+/)
      .forEach(function (part) {
        var p = part.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
        if (NUMBER.test(p)) numbers.push(p.toLowerCase());
        else rest.push(part);
      });
    var words = this.an.queryWords(rest.join(' '));
    var matched = { terms: new Set(), prefixes: new Set(), classes: new Set() };
    var scores = null;
    for (var i = 0; i < words.length; i++) {
      var hits = this.matchWord(words[i], matched);
      if (scores === null) {
        scores = hits;
      } else {
        var next = new Map();
        scores.forEach(function (s, id) {
          var h = hits.get(id);
          if (h !== undefined) next.set(id, s + h);
        });
        scores = next;
      }
      if (scores.size === 0) break;
    }
    var clauses = this.index.clauses;
    if (numbers.length) {
      var fits = function (id) {
        var num = clauses[id][1].toLowerCase();
        return numbers.some(function (n) {
          return num === n || num.startsWith(n + '.');
        });
      };
      if (scores === null) {
        scores = new Map();
        for (var id = 0; id < clauses.length; id++) if (fits(id)) scores.set(id, 1);
      } else {
        scores.forEach(function (s, id) {
          if (!fits(id)) scores.delete(id);
        });
      }
    }
    if (scores === null) return { empty: true, results: [], matched: matched };
    var results = [];
    scores.forEach(function (s, id) {
      results.push([id, s]);
    });
    results.sort(function (a, b) {
      return b[1] - a[1] || a[0] - b[0];
    });
    return { empty: false, results: this.interleave(results), matched: matched };
  };

  // Within a run of equal scores, takes the clauses of each document
  // language in turn, so that the first results show all three languages.
  Searcher.prototype.interleave = function (sorted) {
    var idx = this.index;
    var out = [];
    var i = 0;
    while (i < sorted.length) {
      var j = i;
      while (j < sorted.length && Math.abs(sorted[j][1] - sorted[i][1]) < 1e-9) j++;
      var byLang = new Map();
      for (var k = i; k < j; k++) {
        var lang = idx.docs[idx.clauses[sorted[k][0]][0]][3];
        if (!byLang.has(lang)) byLang.set(lang, []);
        byLang.get(lang).push(sorted[k][0]);
      }
      var queues = Array.from(byLang.values());
      for (var round = 0; out.length < j; round++) {
        for (var q = 0; q < queues.length; q++) {
          if (round < queues[q].length) out.push(queues[q][round]);
        }
      }
      i = j;
    }
    return out;
  };

  // The excerpt of a clause as parts [text, marked], marking the words that
  // matched, and cut to about `room` characters around the first mark.
  Searcher.prototype.excerpt = function (id, matched, room) {
    var an = this.an;
    var c = this.index.clauses[id];
    var text = c[2];
    var fam = familyOf(this.index.docs[c[0]][3]);
    var marks = [];
    tokens(text).forEach(function (t) {
      var f = an.keep(t.word);
      if (f === null) return;
      var s = an.stem(fam, f);
      var hit =
        matched.terms.has(s) ||
        matched.prefixes.has(s) ||
        (matched.classes.size > 0 && matched.classes.has(an.classOf(f, [s])));
      if (hit) marks.push([t.at, t.at + t.word.length]);
    });
    var from = 0;
    var to = text.length;
    room = room || 220;
    if (text.length > room && marks.length) {
      from = Math.max(0, marks[0][0] - Math.floor(room / 3));
      if (from > 0) {
        var sp = text.indexOf(' ', from);
        from = sp >= 0 && sp < marks[0][0] ? sp + 1 : marks[0][0];
      }
      to = Math.min(text.length, from + room);
      if (to < text.length) {
        var sp2 = text.lastIndexOf(' ', to);
        if (sp2 > from) to = sp2;
      }
    } else if (text.length > room) {
      to = text.lastIndexOf(' ', room);
      if (to <= 0) to = room;
    }
    var parts = [];
    if (from > 0) parts.push(['…', false]);
    var at = from;
    marks.forEach(function (m) {
      if (m[0] < from || m[1] > to) return;
      if (m[0] > at) parts.push([text.slice(at, m[0]), false]);
      parts.push([text.slice(m[0], m[1]), true]);
      at = m[1];
    });
    if (at < to) parts.push([text.slice(at, to), false]);
    if (to < text.length) parts.push(['…', false]);
    return parts;
  };

  var api = {
    stemNorwegian: stemNorwegian,
    stemDanish: stemDanish,
    tokens: tokens,
    decode: decode,
    Analyzer: Analyzer,
    Searcher: Searcher
  };

  /* ---------- The search page ---------- */

  var PAGE_SIZE = 50;

  function initPage(doc) {
    var root = doc.getElementById('search');
    if (!root) return;
    var input = doc.getElementById('search-input');
    var form = root.querySelector('form');
    var list = doc.getElementById('search-results');
    var summary = doc.getElementById('search-summary');
    var status = doc.getElementById('search-status');
    var more = doc.getElementById('search-more');
    var data = root.dataset;
    var uiLang = doc.documentElement.lang || 'en';
    var index = global.KlausulSearchIndex;
    if (!index || index.format !== 1) {
      summary.textContent = data.unavailable;
      summary.hidden = false;
      status.textContent = data.unavailable;
      return;
    }
    var searcher = new Searcher(index);
    var current = { results: [], matched: null, shown: 0 };
    var announce = null;

    function countText(n) {
      var key = n === 0 ? 'countNone' : n === 1 ? 'countOne' : 'countOther';
      var count;
      try {
        count = n.toLocaleString(uiLang);
      } catch (e) {
        count = String(n);
      }
      return data[key].replace('{count}', count);
    }

    function resultItem(id) {
      var c = index.clauses[id];
      var d = index.docs[c[0]];
      var council = index.councils[d[0]];
      var li = doc.createElement('li');
      li.className = 'search-result';
      var a = doc.createElement('a');
      a.href = council[0] + '/' + d[1] + '.html#k-' + c[1];
      var name = doc.createElement('span');
      name.className = 'search-council';
      name.lang = council[2];
      name.textContent = council[1];
      var num = doc.createElement('span');
      num.className = 'search-number';
      num.textContent = c[1];
      a.append(name, ' ', num);
      var h = doc.createElement('h3');
      h.className = 'search-heading';
      h.append(a);
      var p = doc.createElement('p');
      p.className = 'search-excerpt';
      p.lang = d[3];
      searcher.excerpt(id, current.matched).forEach(function (part) {
        if (part[1]) {
          var m = doc.createElement('mark');
          m.textContent = part[0];
          p.append(m);
        } else {
          p.append(part[0]);
        }
      });
      var meta = doc.createElement('p');
      meta.className = 'meta search-meta';
      var title = doc.createElement('span');
      title.lang = d[3];
      title.textContent = d[2];
      meta.append(title, ' · ' + (data['lang' + d[3].charAt(0).toUpperCase() + d[3].slice(1)] || d[3]));
      if (d[4]) {
        var ex = doc.createElement('span');
        ex.className = 'example-badge';
        ex.textContent = data.example;
        meta.append(' · ', ex);
      }
      li.append(h, p, meta);
      return li;
    }

    function showMore(focusFirst) {
      var from = current.shown;
      var to = Math.min(current.results.length, from + PAGE_SIZE);
      var frag = doc.createDocumentFragment();
      for (var i = from; i < to; i++) frag.append(resultItem(current.results[i]));
      list.append(frag);
      current.shown = to;
      more.hidden = to >= current.results.length;
      if (focusFirst && list.children[from]) list.children[from].querySelector('a').focus();
    }

    function run(query, announceNow) {
      var r = searcher.search(query);
      current = { results: r.results, matched: r.matched, shown: 0 };
      list.textContent = '';
      if (r.empty) {
        summary.hidden = true;
        summary.textContent = '';
        more.hidden = true;
        setStatus('', announceNow);
        return;
      }
      showMore(false);
      var text = countText(r.results.length);
      summary.textContent = text;
      summary.hidden = false;
      setStatus(text, announceNow);
    }

    // The live region speaks once typing pauses, not on every key.
    function setStatus(text, now) {
      clearTimeout(announce);
      if (now) status.textContent = text;
      else
        announce = setTimeout(function () {
          status.textContent = text;
        }, 600);
    }

    function remember(query) {
      try {
        var url = new URL(global.location.href);
        if (query) url.searchParams.set('q', query);
        else url.searchParams.delete('q');
        global.history.replaceState(null, '', url.href);
      } catch (e) {
        /* file:// in some browsers: the address just stays as it was */
      }
    }

    input.addEventListener('input', function () {
      run(input.value, false);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      run(input.value, true);
      remember(input.value);
    });
    input.addEventListener('change', function () {
      remember(input.value);
    });
    more.addEventListener('click', function () {
      showMore(true);
    });

    // Arrow keys move between the input and the result links.
    function links() {
      return Array.prototype.slice.call(list.querySelectorAll('a'));
    }
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        var first = links()[0];
        if (first) {
          e.preventDefault();
          first.focus();
        }
      }
    });
    list.addEventListener('keydown', function (e) {
      var all = links();
      var i = all.indexOf(doc.activeElement);
      if (i < 0) return;
      if (e.key === 'ArrowDown' && i + 1 < all.length) {
        e.preventDefault();
        all[i + 1].focus();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        (i > 0 ? all[i - 1] : input).focus();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        input.focus();
      }
    });

    var params = new URLSearchParams(global.location.search);
    var q = params.get('q');
    if (q) {
      input.value = q;
      run(q, true);
    }
    root.classList.add('search-ready');
  }

  if (typeof module === 'object' && module.exports) module.exports = api;
  if (global && global.document) {
    global.KlausulSearch = api;
    if (global.document.readyState === 'loading') {
      global.document.addEventListener('DOMContentLoaded', function () {
        initPage(global.document);
      });
    } else {
      initPage(global.document);
    }
  }
})(typeof window !== 'undefined' ? window : globalThis);
