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
    var entries = document.querySelectorAll("ol.timeline li.entry[id]");
    for (var i = 0; i < entries.length; i++) {
      var li = entries[i];
      var head = li.querySelector(".entry-head");
      if (!head) { continue; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.textContent = "Copy link";
      button.setAttribute("data-anchor", li.id);
      // The entry's permalink: it opens whichever window of the timeline holds the entry.
      var permalink = li.getAttribute("data-permalink");
      if (permalink) { button.setAttribute("data-href", location.origin + permalink); }
      button.addEventListener("click", onCopy);
      head.appendChild(button);
    }
  }

  // The same button beside every other permalink: sections, moments, perspectives, terms.
  function addCopyLinksToPermalinks() {
    var links = document.querySelectorAll("a.permalink[href*='#']");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.textContent = "Copy link";
      button.setAttribute("data-href", link.href);
      // "Copy link to this section": the link's own hidden words say what it points at.
      var what = link.textContent.replace("#", "").trim();
      if (what.indexOf("link to ") === 0) { button.setAttribute("aria-label", "Copy " + what); }
      button.addEventListener("click", onCopy);
      link.parentNode.insertBefore(button, link.nextSibling);
    }
  }

  function onCopy(event) {
    var button = event.currentTarget;
    var anchor = button.getAttribute("data-anchor");
    var url = button.getAttribute("data-href") ||
      location.origin + location.pathname + "#" + anchor;
    if (url.indexOf("#") >= 0) { anchor = url.slice(url.indexOf("#") + 1); }
    // Says which link was copied, for the reader (on hover) and for anyone checking.
    button.setAttribute("title", url);
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

  // A link to an entry inside a collapsed thread opens the thread first. An entry this window
  // of the timeline does not hold (an old `#entry-N` link, a citation in the narrative) is
  // opened through its permalink, which leads to the window that holds it.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var entry = /^entry-(\d+)$/.exec(id);
    var page = /^\/incidents\/[^\/]+$/.test(location.pathname);
    if (!target && entry && page && location.search.indexOf("entry=") < 0) {
      location.replace(location.pathname + "/entries/" + entry[1] + location.search);
      return;
    }
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
    }
    if (target && target.scrollIntoView) { target.scrollIntoView(); }
  }

  // Selecting words of the narrative fills the "Mark a passage" form with them.
  function offerPassageMarking() {
    var text = document.querySelector("[data-narrative-text]");
    var field = document.querySelector("[data-passage-field]");
    if (!text || !field) { return; }
    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) { return; }
      var range = selection.getRangeAt(0);
      if (!text.contains(range.commonAncestorContainer)) { return; }
      var words = selection.toString().replace(/\s+/g, " ").trim();
      if (words) {
        field.value = words;
        var details = field.closest("details");
        if (details) { details.open = true; }
      }
    });
  }

  // The narrative editor's preview follows the text as it is typed (the Preview button does
  // the same as a plain form round trip). The server renders it exactly as the page will.
  function showAcronyms(acronyms) {
    var note = document.querySelector("[data-acronyms]");
    var list = note && note.querySelector("[data-acronym-list]");
    if (!list) { return; }
    list.textContent = "";
    acronyms.forEach(function (a, i) {
      if (i > 0) { list.appendChild(document.createTextNode(", ")); }
      var strong = document.createElement("strong");
      strong.textContent = a;
      list.appendChild(strong);
    });
    note.hidden = acronyms.length === 0;
  }

  // The second reader's list follows the live preview. Reasons already typed stay with their
  // flag (its category and sentence); every text goes in as text, never as HTML.
  function showFlags(reader) {
    var section = document.querySelector("[data-second-reader]");
    if (!section || !reader) { return; }
    var list = section.querySelector("[data-flag-list]");
    var typed = {};
    list.querySelectorAll("li").forEach(function (li) {
      var reason = li.querySelector("input[name$='-reason']");
      var category = li.querySelector("input[name$='-category']");
      var sentence = li.querySelector("input[name$='-sentence']");
      if (reason && reason.value && category && sentence) {
        typed[category.value + "\n" + sentence.value] = reason.value;
      }
    });
    var el = function (tag, text, cls) {
      var e = document.createElement(tag);
      if (text !== undefined) { e.textContent = text; }
      if (cls) { e.className = cls; }
      return e;
    };
    list.textContent = "";
    reader.flags.forEach(function (f) {
      var li = el("li", undefined, "flag flag-" + f.category + (f.dismissed ? " dismissed" : ""));
      li.id = "flag-" + f.number;
      var head = el("p");
      head.appendChild(el("strong", f.label));
      head.appendChild(document.createTextNode(", line " + f.line + ": "));
      var q = el("q");
      q.appendChild(document.createTextNode(f.before));
      q.appendChild(el("mark", f.span));
      q.appendChild(document.createTextNode(f.after));
      head.appendChild(q);
      li.appendChild(head);
      if (f.dismissed) {
        li.appendChild(el("p", "Dismissed: " + f.dismissed, "muted"));
      } else {
        li.appendChild(el("p", f.explanation));
        var tryIt = el("p");
        tryIt.appendChild(el("span", "Try:", "muted"));
        tryIt.appendChild(document.createTextNode(" " + f.suggestion));
        li.appendChild(tryIt);
        ["category", "sentence", "span"].forEach(function (part) {
          var h = el("input");
          h.type = "hidden";
          h.name = "dismiss-" + f.number + "-" + part;
          h.value = f[part];
          li.appendChild(h);
        });
        var label = el("label", "Dismiss, because (kept with this version)");
        label.htmlFor = "dismiss-" + f.number;
        var reason = el("input");
        reason.id = "dismiss-" + f.number;
        reason.name = "dismiss-" + f.number + "-reason";
        reason.maxLength = 2000;
        reason.value = typed[f.category + "\n" + f.sentence] || "";
        li.appendChild(label);
        li.appendChild(reason);
      }
      list.appendChild(li);
    });
    var summary = section.querySelector("[data-second-reader-summary]");
    if (summary) {
      summary.textContent = reader.total === 0
        ? "Nothing flagged: no counterfactuals about people, blame, minimisers or single-cause framing found."
        : reader.open + " open of " + reader.total + " flag" + (reader.total === 1 ? "" : "s") +
          ". These are questions, not rules, and never stop a save. Dismiss one with a reason and the reason is kept with the version you save.";
    }
  }

  function livePreview() {
    var section = document.querySelector("[data-live-preview]");
    var field = document.getElementById("body");
    if (!section || !field || !window.fetch) { return; }
    var target = section.querySelector("[data-preview-body]");
    var timer = null;
    var sent = 0;
    var update = function () {
      var mine = ++sent;
      fetch(section.getAttribute("data-live-preview"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ body: field.value }).toString()
      }).then(function (res) {
        return res.ok ? res.json() : null;
      }).then(function (preview) {
        // Answers can arrive out of order: only the newest is shown.
        if (preview === null || mine !== sent) { return; }
        // Lore's own sanitised rendering (the same HTML the page prints).
        target.innerHTML = preview.html;
        section.hidden = false;
        section.setAttribute("data-preview-state", "live");
        showAcronyms(preview.undefined_acronyms || []);
        showFlags(preview.second_reader);
      }, function () { /* offline: the Preview button still works */ });
    };
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 400);
    });
  }

  // Reading time: seconds the tab is visible with the narrative (or, without one, the page)
  // in view, sent to the same origin when the page is hidden or left. The visit itself is
  // recorded by the server when the page is served; this only adds its time.
  function measureReading() {
    var article = document.querySelector("article.incident[data-reading-time]");
    if (!article || !navigator.sendBeacon) { return; }
    var url = article.getAttribute("data-reading-time");
    var watched = document.getElementById("narrative") || article;
    var inView = false, since = null, seconds = 0;
    function running() { return inView && document.visibilityState === "visible"; }
    function update() {
      var now = Date.now();
      if (since !== null) { seconds += (now - since) / 1000; since = null; }
      if (running()) { since = now; }
    }
    function send() {
      update();
      var whole = Math.floor(seconds);
      if (whole < 1) { return; }
      seconds -= whole;
      navigator.sendBeacon(url, new URLSearchParams({ seconds: String(whole) }));
    }
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        inView = entries.some(function (e) { return e.isIntersecting; });
        update();
      }).observe(watched);
    } else {
      inView = true;
      update();
    }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { send(); } else { update(); }
    });
    window.addEventListener("pagehide", send);
  }

  // Suggested moments of a long timeline: while the second reader is still going through it,
  // ask again every few seconds (while the tab is visible), show how far it has got, and load
  // the suggestions when they are ready. Without this the page has a "Check again" link.
  function followReading() {
    var block = document.querySelector("[data-reading-underway]");
    if (!block || !window.fetch || !window.DOMParser) { return; }
    function ask() {
      if (document.visibilityState !== "visible") { setTimeout(ask, 5000); return; }
      fetch(location.href, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { return null; }
        return response.text();
      }).then(function (html) {
        if (html === null) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html")
          .querySelector("[data-reading-underway]");
        if (!fresh) { location.reload(); return; }
        block.innerHTML = fresh.innerHTML;
        setTimeout(ask, 5000);
      }).catch(function () { setTimeout(ask, 15000); });
    }
    setTimeout(ask, 5000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    followReading();
    measureReading();
    livePreview();
    localiseTimes();
    addCopyLinks();
    addCopyLinksToPermalinks();
    offerPassageMarking();
    if (location.hash) { openTarget(); }
  });
  window.addEventListener("hashchange", openTarget);
})();
