/* Praxisatlas Jugendhilfe: filters for the index lists. Without this script the lists are plain tables,
   split into pages that link each other. With it, a filter searches ALL entries: it loads the list's compact
   JSON (daten/liste-….json, made from the same model as the table) on first use, shows the matching rows
   a page at a time ("Weitere anzeigen") and keeps the choice in the URL (?thema=…&bundesland=…).
   Without a filter the page shows its own rows, as the server rendered them. */
(function () {
  "use strict";

  var cache = {};  /* data URL -> promise of the parsed list, shared by all forms of a page */

  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
      cache[url].catch(function () { delete cache[url]; });  /* a later change may try again */
    }
    return cache[url];
  }

  function number(n) { return n.toLocaleString("de-DE"); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function values(value) { return Array.isArray(value) ? value : (value ? [value] : []); }

  /* row: [slug, title, teaser, value of column 1, value of column 2, …] */
  function matches(data, row, filters) {
    return data.spalten.every(function (column, i) {
      var wanted = filters[column.name];
      return !wanted || values(row[3 + i]).indexOf(wanted) !== -1;
    });
  }

  function tableRow(data, row, base) {
    var first = el("td", {}, [el("a", { href: base + data.pfad + row[0] + "/" }, [row[1]])]);
    if (row[2]) { first.appendChild(el("br")); first.appendChild(el("span", { "class": "pa-kurz" }, [row[2]])); }
    var cells = data.spalten.map(function (column, i) {
      var names = column.namen || {};
      var text = values(row[3 + i]).map(function (v) { return names[v] || v; }).join(", ");
      return el("td", { "data-label": column.titel }, [text || "–"]);
    });
    return el("tr", {}, [first].concat(cells));
  }

  function setup(form) {
    var table = document.getElementById(form.getAttribute("data-pa-filter"));
    if (!table || form.getAttribute("data-pa-bereit")) return;
    form.setAttribute("data-pa-bereit", "1");
    var body = table.tBodies[0];
    var caption = table.caption;
    var ownRows = Array.prototype.slice.call(body.rows);
    var ownCaption = caption ? caption.textContent : "";
    var status = document.querySelector('[data-pa-status="' + table.id + '"]');
    var pager = document.querySelector('[data-pa-seiten="' + table.id + '"]');
    var dataUrl = form.getAttribute("data-liste");
    var base = form.getAttribute("data-base") || "";
    var size = parseInt(form.getAttribute("data-seitengroesse"), 10) || 20;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var more = el("button", { type: "button", "class": "pa-weitere" });
    var moreBox = el("p", { "class": "pa-weitere-box", hidden: "" }, [more]);
    table.parentNode.insertBefore(moreBox, table.nextSibling);
    var request = 0;
    var found = [];
    var shown = 0;
    var current = null;

    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var value = params.get(select.name);
      if (value !== null && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });

    function say(text) { if (status) status.textContent = text; }

    function report(total) {
      if (!found.length) say("0 von " + number(total) + " Einträgen angezeigt: Kein Eintrag passt zu dieser Auswahl.");
      else if (shown >= found.length) say(number(found.length) + " von " + number(total) + " Einträgen angezeigt");
      else say(number(found.length) + " von " + number(total) + " Einträgen passen, die ersten " + number(shown) + " sind angezeigt");
      var rest = found.length - shown;
      moreBox.hidden = rest <= 0;
      more.textContent = "Weitere " + number(Math.min(size, rest)) + " anzeigen (noch " + number(rest) + ")";
    }

    function showMore(data, focus) {
      var start = shown;
      shown = Math.min(found.length, shown + size);
      for (var i = start; i < shown; i += 1) body.appendChild(tableRow(data, found[i], base));
      if (focus && body.rows[start]) body.rows[start].querySelector("a").focus();
      report(data.zeilen.length);
    }

    function showOwnPage() {
      body.textContent = "";
      ownRows.forEach(function (row) { body.appendChild(row); });
      if (caption) caption.textContent = ownCaption;
      if (pager) pager.hidden = false;
      moreBox.hidden = true;
      say("");
    }

    function apply(updateUrl) {
      var filters = {};
      var active = false;
      var query = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        filters[select.name] = select.value;
        if (select.value) { query.set(select.name, select.value); active = true; } else query.delete(select.name);
      });
      if (updateUrl) {
        var search = query.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
      var mine = ++request;
      if (!active) { current = null; showOwnPage(); return; }
      say("Die Liste wird geladen …");
      load(dataUrl).then(function (data) {
        if (mine !== request) return;  /* a newer choice was made meanwhile */
        current = data;
        found = data.zeilen.filter(function (row) { return matches(data, row, filters); });
        shown = 0;
        body.textContent = "";
        if (caption) caption.textContent = data.bezeichnung + ", gefiltert: " + number(found.length) + " von " + number(data.anzahl);
        if (pager) pager.hidden = true;
        showMore(data, false);
      }, function () {
        if (mine === request) say("Die Liste konnte nicht geladen werden. Bitte laden Sie die Seite neu.");
      });
    }

    more.addEventListener("click", function () { if (current) showMore(current, true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-pa-filter]"), setup);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  /* Material's instant loading */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
