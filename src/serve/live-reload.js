(function () {
  "use strict";
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:9999;background:rgba(20,24,32,.94);color:#fff;overflow:auto;padding:2rem;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = text;
  }
  // A page without scripts of its own whose <head> did not change gets its
  // new <body> in place: no navigation, no style sheets fetched again, and
  // the reader keeps their scroll position. Anything else reloads.
  // A form sent (a review button): the page it leads to is current; a
  // reload now would cancel that navigation.
  var leaving = false;
  document.addEventListener("submit", function () { leaving = true; });
  function refresh() {
    if (leaving) return;
    var own = document.querySelectorAll("script[src]:not([src$='live-reload.js']), body script:not([src])");
    if (own.length || !window.fetch || !window.DOMParser) { location.reload(); return; }
    fetch(location.href, { cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        if (next.head.innerHTML !== document.head.innerHTML) { location.reload(); return; }
        document.body.replaceWith(document.adoptNode(next.body));
        overlay = null;
      })
      .catch(function () { location.reload(); });
  }
  function connect() {
    var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__klausul/live");
    ws.onopen = function () { ws.send(location.pathname); };
    ws.onmessage = function (e) {
      if (e.data === "reload") refresh();
      else if (e.data.indexOf("error:") === 0) show(e.data.slice(6));
      else if (e.data === "ok" && overlay) { overlay.remove(); overlay = null; }
    };
    ws.onclose = function () { setTimeout(connect, 500); };
  }
  connect();
})();
