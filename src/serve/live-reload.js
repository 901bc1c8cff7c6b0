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
  function connect() {
    var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__klausul/live");
    ws.onopen = function () { ws.send(location.pathname); };
    ws.onmessage = function (e) {
      if (e.data === "reload") location.reload();
      else if (e.data.indexOf("error:") === 0) show(e.data.slice(6));
      else if (e.data === "ok" && overlay) { overlay.remove(); overlay = null; }
    };
    ws.onclose = function () { setTimeout(connect, 500); };
  }
  connect();
})();
