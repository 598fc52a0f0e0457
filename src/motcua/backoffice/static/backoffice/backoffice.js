// Keyboard shortcuts for officers: "/" search, j/k move between dossiers, Enter opens. No dependencies.
(function () {
  "use strict";
  function typing(el) { return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable); }
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(document.activeElement)) return;
    if (ev.key === "/") {
      var q = document.getElementById("id_q");
      if (q) { ev.preventDefault(); q.focus(); q.select(); }
      return;
    }
    if (ev.key !== "j" && ev.key !== "k") return;
    var links = Array.prototype.slice.call(document.querySelectorAll(".bo-table tr.row a.code"));
    if (!links.length) return;
    var i = links.indexOf(document.activeElement);
    i = ev.key === "j" ? Math.min(links.length - 1, i + 1) : Math.max(0, i - 1);
    links[i].focus();
    ev.preventDefault();
  });
})();
