// Lore's page enhancements. Everything works without this file; with it, times read in the
// reader's own zone and every entry gets a "Copy link" button.
(function () {
  "use strict";

  var pad = function (n) { return (n < 10 ? "0" : "") + n; };

  // Timeline times: the reader's zone on the page, UTC and the source's own text on hover.
  function localiseTimes() {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
    var times = document.querySelectorAll("ol.timeline time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var el = times[i];
      var d = new Date(el.getAttribute("datetime"));
      if (isNaN(d.getTime())) { continue; }
      var original = el.getAttribute("title") || "";
      el.setAttribute("title", "UTC " + el.getAttribute("datetime") + (original ? " · " + original : ""));
      el.textContent = pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
    }
    var note = document.querySelector("[data-times-note]");
    if (note && times.length) {
      note.textContent = "times in your zone" + (zone ? " (" + zone + ")" : "") + ", UTC on hover.";
    }
  }

  // "Copy link" on every entry: the permalink to the clipboard, or into the address bar
  // where the clipboard is not allowed.
  function addCopyLinks() {
    var entries = document.querySelectorAll("ol.timeline > li.entry[id]");
    for (var i = 0; i < entries.length; i++) {
      var li = entries[i];
      var head = li.querySelector(".entry-head");
      if (!head) { continue; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.textContent = "Copy link";
      button.setAttribute("data-anchor", li.id);
      button.addEventListener("click", onCopy);
      head.appendChild(button);
    }
  }

  function onCopy(event) {
    var button = event.currentTarget;
    var anchor = button.getAttribute("data-anchor");
    var url = location.origin + location.pathname + "#" + anchor;
    var fallback = function () {
      location.hash = anchor;
      button.textContent = "Link in the address bar";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () {
        button.textContent = "Link copied";
      }, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    localiseTimes();
    addCopyLinks();
  });
})();
