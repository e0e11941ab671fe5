/* Praxisatlas Jugendhilfe: filters for the index lists, through the site's search index (Pagefind, see
   assets/suche.js): each list facet is a Pagefind filter of the same name as its URL parameter
   (?thema=…&bundesland=…). Without this script the lists are plain tables split into pages that link
   each other. With it, a filter searches ALL entries, shows the matches a page at a time ("Weitere
   anzeigen") and counts in each option how many entries it would leave. Without a filter the page shows
   its own rows, as the server rendered them; the index is loaded only once the form is used. */
(function () {
  "use strict";

  function number(n) { return n.toLocaleString("de-DE"); }

  var el = window.paEl;  // assets/dom.js

  function setup(form) {
    var table = document.getElementById(form.getAttribute("data-pa-filter"));
    if (!table || form.getAttribute("data-pa-bereit") || !window.paPagefind) return;
    form.setAttribute("data-pa-bereit", "1");
    var body = table.tBodies[0];
    var caption = table.caption;
    var ownRows = Array.prototype.slice.call(body.rows);
    var ownCaption = caption ? caption.textContent : "";
    var status = document.querySelector('[data-pa-status="' + table.id + '"]');
    var pager = document.querySelector('[data-pa-seiten="' + table.id + '"]');
    var kind = form.getAttribute("data-typ");
    var label = form.getAttribute("data-bezeichnung");
    var teasers = form.hasAttribute("data-kurz");
    var columns = JSON.parse(form.getAttribute("data-spalten") || "[]");
    var size = parseInt(form.getAttribute("data-seitengroesse"), 10) || 20;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var more = el("button", { type: "button", "class": "pa-weitere" });
    var moreBox = el("p", { "class": "pa-weitere-box", hidden: "" }, [more]);
    table.parentNode.insertBefore(moreBox, table.nextSibling);
    var request = 0, found = [], shown = 0, total = 0;

    selects.forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (o) { o.setAttribute("data-text", o.textContent); });
    });
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var value = params.get(select.name);
      if (value !== null && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });

    function say(text) { if (status) status.textContent = text; }

    function chosen() {
      var filters = { typ: kind };
      selects.forEach(function (select) { if (select.value) filters[select.name] = select.value; });
      return filters;
    }

    /* each option says how many entries it would leave with the other choices as they are */
    function count(counts) {
      selects.forEach(function (select) {
        var mine = counts[select.name] || {};
        Array.prototype.forEach.call(select.options, function (o) {
          if (!o.value) return;
          o.textContent = o.getAttribute("data-text") + " (" + number(mine[o.value] || 0) + ")";
        });
      });
    }

    function tableRow(data) {
      var first = el("td", {}, [el("a", { href: data.url }, [data.meta.title || data.url])]);
      if (teasers && data.meta.kurz) { first.appendChild(el("br")); first.appendChild(el("span", { "class": "pa-kurz" }, [data.meta.kurz])); }
      var cells = columns.map(function (column) {
        var names = column.namen || {};
        var text = ((data.filters || {})[column.name] || []).map(function (v) { return names[v] || v; }).join(", ");
        return el("td", { "data-label": column.titel }, [text || "–"]);
      });
      return el("tr", {}, [first].concat(cells));
    }

    function report() {
      if (!found.length) say("0 von " + number(total) + " Einträgen angezeigt: Kein Eintrag passt zu dieser Auswahl.");
      else if (shown >= found.length) say(number(found.length) + " von " + number(total) + " Einträgen angezeigt");
      else say(number(found.length) + " von " + number(total) + " Einträgen passen, die ersten " + number(shown) + " sind angezeigt");
      var rest = found.length - shown;
      moreBox.hidden = rest <= 0;
      more.textContent = "Weitere " + number(Math.min(size, rest)) + " anzeigen (noch " + number(rest) + ")";
    }

    /* `replace`: the rows shown so far go only when the new ones are there (no empty table in between:
       the page below it would jump up and down) */
    function showMore(mine, focus, replace) {
      if (more.disabled) return Promise.resolve();  /* the next rows are on their way */
      var start = shown;
      var batch = found.slice(start, start + size);
      more.disabled = true;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
        more.disabled = false;
        if (mine !== request) return;
        if (replace) body.textContent = "";
        shown = start + items.length;
        items.forEach(function (data) { body.appendChild(tableRow(data)); });
        if (focus && body.rows[start]) body.rows[start].querySelector("a").focus();
        report();
      });
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
      var filters = chosen();
      var active = Object.keys(filters).length > 1;
      var query = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        if (select.value) query.set(select.name, select.value); else query.delete(select.name);
      });
      if (updateUrl) {
        var search = query.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
      var mine = ++request;
      if (!active) showOwnPage(); else say("Die Liste wird geladen …");
      return window.paPagefind().then(function (pagefind) {
        return Promise.all([
          pagefind.search(null, { filters: filters, sort: { titel: "asc" } }),
          total ? null : pagefind.search(null, { filters: { typ: kind } })
        ]);
      }).then(function (both) {
        if (mine !== request) return;
        if (both[1]) total = both[1].unfilteredResultCount || both[1].results.length;
        count(both[0].filters || {});
        if (!active) return;
        found = both[0].results;
        shown = 0;
        if (caption) caption.textContent = label + ", gefiltert: " + number(found.length) + " von " + number(total);
        if (pager) pager.hidden = true;
        more.disabled = false;  /* a batch of an earlier choice may still be loading */
        return showMore(mine, false, true);
      }).catch(function () {
        more.disabled = false;
        if (mine === request) say("Die Liste konnte nicht gefiltert werden. Bitte laden Sie die Seite neu.");
      });
    }

    more.addEventListener("click", function () { showMore(request, true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("focusin", function () { if (!total) apply(false); });
    form.hidden = false;
    if (Object.keys(chosen()).length > 1) apply(false);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-pa-filter]"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
