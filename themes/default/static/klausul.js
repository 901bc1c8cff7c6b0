// Klausul: choosing councils on topic pages and in the comparison table.
// Without JavaScript every council is shown and the filter form stays hidden.
// The choice is kept in the URL (?country=NO&lang=nn&region=…&q=…&council=a,b&group=…&diff=1)
// so a view can be shared.
(function () {
  "use strict";

  function params() {
    return new URLSearchParams(window.location.search);
  }

  // Word-by-word differences between shown variants in the same language:
  // the first shown council in each language (a reference council if one is
  // shown) is the baseline; words others add are <ins>, words they lack <del>.
  function words(text) {
    return text.split(/(\s+)/).filter(function (w) { return w.length > 0; });
  }

  function wordDiff(oldText, newText) {
    var a = words(oldText), b = words(newText);
    var n = a.length, m = b.length;
    // Longest common subsequence, row by row from the end.
    var lcs = [];
    for (var i = 0; i <= n; i++) lcs.push(new Uint16Array(m + 1));
    for (i = n - 1; i >= 0; i--) {
      for (var j = m - 1; j >= 0; j--) {
        lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    var out = [];
    i = 0; j = 0;
    function push(kind, w) {
      var last = out[out.length - 1];
      if (last && last.kind === kind) last.text += w; else out.push({ kind: kind, text: w });
    }
    while (i < n && j < m) {
      if (a[i] === b[j]) { push("same", a[i]); i++; j++; }
      else if (lcs[i + 1][j] >= lcs[i][j + 1]) { push("del", a[i]); i++; }
      else { push("ins", b[j]); j++; }
    }
    while (i < n) { push("del", a[i]); i++; }
    while (j < m) { push("ins", b[j]); j++; }
    return out;
  }

  function variantText(section) {
    var parts = [];
    section.querySelectorAll(".clause-text").forEach(function (t) { parts.push(t.textContent.trim()); });
    return parts.join(" ").replace(/\s+/g, " ");
  }

  function showDiffs(target, on, control) {
    var sections = Array.prototype.slice.call(target.querySelectorAll("section.variant"));
    var baseline = {};
    if (on) {
      sections.forEach(function (s) {
        if (s.hidden) return;
        var l = s.getAttribute("data-lang");
        if (!baseline[l] || (s.getAttribute("data-reference") && !baseline[l].getAttribute("data-reference"))) baseline[l] = s;
      });
    }
    sections.forEach(function (s) {
      var old = s.querySelector(".diff-text");
      if (old) old.remove();
      var plain = s.querySelectorAll(".plain-text");
      var role = s.querySelector(".diff-role");
      var base = baseline[s.getAttribute("data-lang")];
      var compared = on && !s.hidden && base && base !== s;
      plain.forEach(function (p) { p.hidden = compared; });
      if (role) {
        role.hidden = !on || s.hidden || !base;
        role.textContent = base === s ? control.getAttribute("data-baseline") : control.getAttribute("data-compared");
      }
      if (!compared) return;
      var p = document.createElement("p");
      p.className = "diff-text";
      p.style.display = "block";
      wordDiff(variantText(base), variantText(s)).forEach(function (part) {
        var node = part.kind === "same" ? document.createTextNode(part.text) : document.createElement(part.kind);
        if (part.kind !== "same") node.textContent = part.text;
        p.appendChild(node);
      });
      s.appendChild(p);
    });
  }

  function setupFilters(form) {
    var target = document.getElementById(form.getAttribute("data-filter-for"));
    if (!target) return;
    // The list to pick councils by name is built from the page's columns.
    form.querySelectorAll("ul[data-pick-from]").forEach(function (ul) {
      target.querySelectorAll("[data-council][data-name]").forEach(function (el) {
        var li = document.createElement("li");
        var label = document.createElement("label");
        var input = document.createElement("input");
        input.type = "checkbox";
        input.name = "council";
        input.value = el.getAttribute("data-council");
        input.checked = true;
        var name = document.createElement("span");
        name.lang = el.getAttribute("data-lang");
        name.textContent = el.getAttribute("data-name");
        label.appendChild(input);
        label.appendChild(document.createTextNode(" "));
        label.appendChild(name);
        li.appendChild(label);
        ul.appendChild(li);
      });
    });
    var status = form.querySelector(".filter-status");
    // Items that represent councils: topic columns, or table rows/columns.
    var items = Array.prototype.slice.call(target.querySelectorAll("[data-council]"));
    var councils = [];
    items.forEach(function (el) {
      var id = el.getAttribute("data-council");
      if (councils.indexOf(id) < 0 && el.hasAttribute("data-name")) councils.push(id);
    });
    var info = {};
    items.forEach(function (el) {
      if (el.hasAttribute("data-name")) {
        info[el.getAttribute("data-council")] = {
          country: el.getAttribute("data-country"),
          lang: el.getAttribute("data-lang"),
          region: el.getAttribute("data-region"),
          name: el.getAttribute("data-name")
        };
      }
    });

    function checkedValues(name) {
      return Array.prototype.slice
        .call(form.querySelectorAll('input[name="' + name + '"]'))
        .filter(function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    }
    function allValues(name) {
      return Array.prototype.slice
        .call(form.querySelectorAll('input[name="' + name + '"]'))
        .map(function (i) { return i.value; });
    }
    function field(name) {
      var el = form.elements.namedItem(name);
      return el && el.value !== undefined ? el : null;
    }

    // Restore the choice from the URL.
    var p = params();
    ["country", "lang", "council"].forEach(function (name) {
      if (!p.has(name)) return;
      var wanted = p.get(name).split(",");
      form.querySelectorAll('input[name="' + name + '"]').forEach(function (i) {
        i.checked = wanted.indexOf(i.value) >= 0;
      });
    });
    ["region", "q", "group"].forEach(function (name) {
      var el = field(name);
      if (el && p.has(name)) el.value = p.get(name);
    });
    var diff = document.getElementById("show-diff");
    var diffControl = document.querySelector(".diff-control");
    if (diffControl) diffControl.hidden = false;
    if (diff && p.get("diff") === "1") diff.checked = true;

    function apply() {
      var countries = checkedValues("country");
      var langs = checkedValues("lang");
      var picked = checkedValues("council");
      var hasPick = form.querySelector('input[name="council"]') !== null;
      var region = field("region") ? field("region").value : "";
      var q = field("q") ? field("q").value.trim().toLowerCase() : "";
      var group = field("group") ? field("group").value : "";
      var shown = {};
      var hiddenNames = [];
      councils.forEach(function (id) {
        var c = info[id];
        var ok =
          (allValues("country").length === 0 || countries.indexOf(c.country) >= 0) &&
          (allValues("lang").length === 0 || langs.indexOf(c.lang) >= 0) &&
          (!region || c.region === region) &&
          (!q || c.name.toLowerCase().indexOf(q) >= 0) &&
          (!hasPick || picked.indexOf(id) >= 0);
        shown[id] = ok;
        if (!ok) hiddenNames.push(c.name);
      });
      items.forEach(function (el) {
        el.hidden = !shown[el.getAttribute("data-council")];
      });
      // Topic groups (comparison table).
      target.querySelectorAll("[data-group]").forEach(function (el) {
        if (el.hasAttribute("data-council")) return;
        el.hidden = group !== "" && el.getAttribute("data-group") !== group;
      });
      var count = councils.filter(function (id) { return shown[id]; }).length;
      if (status) {
        var tpl = hiddenNames.length ? status.getAttribute("data-some-hidden") : status.getAttribute("data-none-hidden");
        var names = hiddenNames.length > 12
          ? hiddenNames.slice(0, 12).join(", ") + " … (+" + (hiddenNames.length - 12) + ")"
          : hiddenNames.join(", ");
        status.textContent = tpl
          .replace("%SHOWN%", String(count))
          .replace("%TOTAL%", String(councils.length))
          .replace("%NAMES%", names);
      }
      // Keep the choice in the URL.
      var out = new URLSearchParams();
      if (countries.length !== allValues("country").length) out.set("country", countries.join(","));
      if (langs.length !== allValues("lang").length) out.set("lang", langs.join(","));
      if (hasPick && picked.length !== allValues("council").length) out.set("council", picked.join(","));
      if (region) out.set("region", region);
      if (q) out.set("q", q);
      if (group) out.set("group", group);
      if (diff && diff.checked) out.set("diff", "1");
      if (diff && diffControl) showDiffs(target, diff.checked, diffControl);
      var qs = out.toString();
      var url = window.location.pathname + (qs ? "?" + qs : "") + window.location.hash;
      try { window.history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    if (diff) diff.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }

  document.querySelectorAll("form.filters[data-filter-for]").forEach(setupFilters);
})();

// Comparing documents: two to four documents aligned topic by topic.
(function () {
  "use strict";
  var form = document.getElementById("doc-picker");
  var out = document.getElementById("doc-compare");
  if (!form || !out) return;
  var topics = JSON.parse(document.getElementById("topic-list").textContent);
  var loaded = {};
  window.klausulDocument = function (doc) { loaded[doc.key] = doc; };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function load(key) {
    return new Promise(function (resolve) {
      if (loaded[key]) return resolve(loaded[key]);
      var s = document.createElement("script");
      s.src = "../../data/docs/" + encodeURIComponent(key) + ".js";
      s.onload = function () { resolve(loaded[key]); };
      s.onerror = function () { resolve(null); };
      document.head.appendChild(s);
    });
  }

  function clauseBlock(doc, clause) {
    var div = el("div", { "class": "variant-clause" });
    var a = el("a", { "class": "clause-ref", href: clause.href }, doc.council + " " + clause.id);
    div.appendChild(a);
    var text = el("div", { "class": "clause-text" });
    text.innerHTML = clause.html; // built by Klausul from sanitised content
    // Topic titles in cross-references, in the page's language.
    text.querySelectorAll("span[data-topic]").forEach(function (span) {
      var t = topics.filter(function (x) { return x.id === span.getAttribute("data-topic"); })[0];
      if (t) span.textContent = t.title;
    });
    div.appendChild(text);
    return div;
  }

  function render(docs) {
    out.textContent = "";
    var table = el("table", { "class": "aligned" });
    table.appendChild(el("caption", {}, out.getAttribute("data-caption")));
    var head = el("thead");
    var tr = el("tr");
    tr.appendChild(el("th", { scope: "col" }, out.getAttribute("data-topic")));
    docs.forEach(function (d) {
      var th = el("th", { scope: "col", lang: d.lang });
      var a = el("a", { href: d.href }, d.council + ": " + d.title);
      th.appendChild(a);
      if (d.example) {
        th.appendChild(document.createTextNode(" "));
        th.appendChild(el("strong", { "class": "badge badge-example", lang: document.documentElement.lang }, out.getAttribute("data-example")));
      }
      tr.appendChild(th);
    });
    head.appendChild(tr);
    table.appendChild(head);
    var body = el("tbody");
    var shared = {};
    topics.forEach(function (t) {
      var per = docs.map(function (d) {
        return d.clauses.filter(function (c) { return c.topics.indexOf(t.id) >= 0; });
      });
      var count = per.filter(function (p) { return p.length > 0; }).length;
      if (count < 2) return;
      shared[t.id] = true;
      var row = el("tr");
      var th = el("th", { scope: "row" });
      th.appendChild(el("a", { href: t.href }, t.title));
      row.appendChild(th);
      per.forEach(function (clauses, i) {
        var td = el("td", { lang: docs[i].lang });
        if (clauses.length === 0) {
          td.appendChild(el("span", { "class": "cell-none", lang: document.documentElement.lang }, out.getAttribute("data-none")));
        }
        clauses.forEach(function (c) { td.appendChild(clauseBlock(docs[i], c)); });
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    table.appendChild(body);
    var scroll = el("div", { "class": "table-scroll", role: "region", tabindex: "0", "aria-label": out.getAttribute("data-caption") });
    scroll.appendChild(table);
    out.appendChild(scroll);
    out.appendChild(el("h2", {}, out.getAttribute("data-unshared")));
    var grid = el("div", { "class": "side-by-side" });
    docs.forEach(function (d) {
      var sec = el("section", { "class": "variant", lang: d.lang });
      sec.appendChild(el("h3", {}, d.council));
      var rest = d.clauses.filter(function (c) {
        return !c.topics.some(function (t) { return shared[t]; });
      });
      if (rest.length === 0) sec.appendChild(el("p", { lang: document.documentElement.lang }, out.getAttribute("data-no-topic")));
      rest.forEach(function (c) { sec.appendChild(clauseBlock(d, c)); });
      grid.appendChild(sec);
    });
    out.appendChild(grid);
  }

  function keys() {
    return Array.prototype.slice.call(form.querySelectorAll("select"))
      .map(function (s) { return s.value; })
      .filter(function (v, i, all) { return v && all.indexOf(v) === i; });
  }

  function show() {
    var wanted = keys();
    var qs = wanted.map(function (k) { return "d=" + encodeURIComponent(k); }).join("&");
    try { window.history.replaceState(null, "", window.location.pathname + "?" + qs); } catch (e) { /* file:// */ }
    if (wanted.length < 2) { out.textContent = ""; return; }
    Promise.all(wanted.map(load)).then(function (docs) {
      render(docs.filter(Boolean));
    });
  }

  var fromUrl = new URLSearchParams(window.location.search).getAll("d");
  if (fromUrl.length) {
    form.querySelectorAll("select").forEach(function (s, i) { s.value = fromUrl[i] || ""; });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); show(); });
  form.addEventListener("change", show);
  show();
})();
