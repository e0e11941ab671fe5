/* Praxisatlas Jugendhilfe: the site search. Pagefind (index in <site>/pagefind/, built with the site) loads
   only the chunks of the index a query needs. "/" or the header button opens a named dialog;
   results show title, kind, place and a clean excerpt (only <mark> kept from Pagefind's excerpt).
   window.paPagefind() is shared with assets/filter.js: the lists filter through the same index. */
(function () {
  "use strict";

  var PAGE = 10;  /* results shown at a time */
  var loading = null;

  function box() { return document.querySelector("[data-pa-suche]"); }

  function siteRoot() {
    var base = (box() && box().getAttribute("data-base")) || ".";
    return new URL(base.replace(/\/?$/, "/"), window.location.href).pathname;
  }

  /* The Pagefind API, loaded once on first use (an ES module next to the index). */
  window.paPagefind = function () {
    if (!loading) {
      var root = siteRoot();
      loading = import(root + "pagefind/pagefind.js").then(function (pagefind) {
        return pagefind.options({ baseUrl: root, excerptLength: 24 }).then(function () { return pagefind; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  };

  var el = window.paEl;  // assets/dom.js

  /* Pagefind's excerpt as nodes: text and <mark>, nothing else. */
  function excerpt(html) {
    var box = document.createElement("template");
    box.innerHTML = html || "";
    var out = el("p", { "class": "pa-suche__auszug" });
    Array.prototype.forEach.call(box.content.childNodes, function (node) {
      out.appendChild(node.nodeName === "MARK" ? el("mark", {}, [node.textContent]) : document.createTextNode(node.textContent));
    });
    return out;
  }

  function number(n) { return n.toLocaleString("de-DE"); }

  /* "Kita-Plätze", "Kitaplätze" and "kita plaetze" are one word here. */
  function folded(text) {
    return String(text || "").toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue")
      .replace(/ß/g, "ss").replace(/[^a-z0-9§]/g, "");
  }

  /* The words of a text, folded: "Kita-Plätze schaffen" -> ["kita", "plaetze", "schaffen"]. */
  function words(text) {
    return String(text || "").toLowerCase().split(/[^a-z0-9äöüß§]+/).map(folded).filter(Boolean);
  }

  function containsWords(title, query) {
    var t = words(title), q = words(query);
    if (!q.length) return false;
    for (var i = 0; i + q.length <= t.length; i++) {
      if (q.every(function (w, j) { return t[i + j] === w; })) return true;
    }
    return false;
  }

  /* A topic comes first for its own name ("Kinderschutz"), and high for its search terms (its "schlagworte":
     "HzE", "Jugendberufshilfe"), read from daten/suchthemen.json (a few KB, loaded once; folded the same way as
     praxisatlas/render/search_records.py). No second index search: a filter-only search made Pagefind load
     most of its index. Order: topics named as the query; then entries whose title holds the query (in
     Pagefind's order: "KoVis" finds "Kollegiale Visitation (KoVis)" before the topic that lists KoVis as a
     term); then topics with the query as a search term; then everything else as Pagefind ranks it. Only the
     first batch is reordered: its data is loaded for showing it anyway. */
  var topicsLoaded = null;
  function topics() {
    if (!topicsLoaded) {
      topicsLoaded = fetch(siteRoot() + "daten/suchthemen.json").then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; });
    }
    return topicsLoaded;
  }

  function topicOf(url) {
    var match = /themen\/([a-z0-9-]+)\/?$/.exec(url || "");
    return match ? match[1] : null;
  }

  function ownTopicFirst(pagefind, term, search) {
    var want = folded(term);
    if (!want) return search;
    return topics().then(function (all) {
      var named = Object.keys(all).filter(function (s) { return all[s].name === want; });
      var termed = Object.keys(all).filter(function (s) { return all[s].begriffe.indexOf(want) !== -1; });
      if (!named.length && !termed.length) return search;
      var top = search.results.slice(0, PAGE);
      return Promise.all(top.map(function (r) { return r.data(); })).then(function (datas) {
        function rank(i) {
          var data = datas[i] || {}, topic = topicOf(data.url);
          if (topic && named.indexOf(topic) !== -1) return 0;
          if (containsWords((data.meta || {}).title, term)) return 1;
          if (topic && termed.indexOf(topic) !== -1) return 2;
          return 3;
        }
        var order = top.map(function (r, i) { return { r: r, i: i, k: rank(i) }; });
        order.sort(function (a, b) { return a.k - b.k || a.i - b.i; });
        return { results: order.map(function (o) { return o.r; }).concat(search.results.slice(PAGE)),
                 filters: search.filters, totalFilters: search.totalFilters,
                 unfilteredResultCount: search.unfilteredResultCount };
      });
    });
  }

  function setup(box) {
    var open = box.querySelector("[data-pa-suche-oeffnen]");
    var dialog = box.querySelector("[data-pa-suche-dialog]");
    var form = box.querySelector("[data-pa-suche-form]");
    var input = form.querySelector("input");
    var kind = form.querySelector("select[name=typ]");
    var status = box.querySelector("[data-pa-suche-status]");
    var list = box.querySelector("[data-pa-suche-ergebnisse]");
    var more = box.querySelector("[data-pa-suche-mehr]");
    var close = box.querySelector("[data-pa-suche-schliessen]");
    if (!dialog || typeof dialog.showModal !== "function") return;  /* very old browser: no search */
    var request = 0, timer = 0, found = [], shown = 0;

    function say(text) { status.textContent = text; }

    function item(data) {
      var meta = data.meta || {};
      var facts = [meta.typ, meta.orte || meta.status].filter(Boolean).join(" · ");
      var li = el("li", { "class": "pa-suche__ergebnis" }, [
        el("a", { href: data.url, "class": "pa-suche__link" }, [meta.title || data.url])
      ]);
      if (facts) li.appendChild(el("p", { "class": "pa-suche__fakten" }, [facts]));
      li.appendChild(excerpt(data.excerpt));
      return li;
    }

    function showMore(mine, focus) {
      var start = shown;
      var batch = found.slice(start, start + PAGE);
      shown = Math.min(found.length, start + PAGE);
      /* all fragments load at once; each result is shown as soon as it and those before it are there;
         the list is aria-busy until the batch is complete */
      list.setAttribute("aria-busy", "true");
      var chain = Promise.resolve();
      batch.map(function (r) { return r.data(); }).forEach(function (loaded, i) {
        chain = chain.then(function () { return loaded; }).then(function (data) {
          if (mine !== request) return;
          list.appendChild(item(data));
          if (focus && i === 0) list.children[start].querySelector("a").focus();
        });
      });
      return chain.then(function () {
        if (mine !== request) return;
        more.hidden = shown >= found.length;
        list.setAttribute("aria-busy", "false");
      });
    }

    /* The query lives in the address (?suche=…&suchtyp=…) while the dialog is open: "back" from a result
       returns to this page with the dialog open on the same results. Closing the dialog removes it. */
    function remember(term) {
      var query = new URLSearchParams(window.location.search);
      if (term) query.set("suche", term); else query.delete("suche");
      if (term && kind.value) query.set("suchtyp", kind.value); else query.delete("suchtyp");
      var search = query.toString();
      window.history.replaceState(window.history.state, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    function run() {
      var term = input.value.trim();
      var mine = ++request;
      remember(term);
      if (!term) { list.textContent = ""; more.hidden = true; say(""); return; }
      var filters = kind.value ? { typ: kind.value } : {};
      var answered = false;
      window.setTimeout(function () {  /* a word on almost every page takes a moment: say so */
        if (mine === request && !answered) say("Suche nach „" + term + "“ läuft …");
      }, 500);
      window.paPagefind().then(function (pagefind) {
        return pagefind.search(term, { filters: filters }).then(function (search) {
          return !search || (kind.value && kind.value !== "thema") ? search : ownTopicFirst(pagefind, term, search);
        });
      }).then(function (search) {
        answered = true;
        if (mine !== request || !search) return;
        found = search.results;
        shown = 0;
        list.textContent = "";
        say(found.length ? number(found.length) + " Treffer" + " für „" + term + "“"
          : "Keine Treffer für „" + term + "“. Versuchen Sie ein anderes Wort oder eine Abkürzung (z. B. HzE).");
        return showMore(mine, false);
      }).catch(function () {
        answered = true;  /* not "läuft …" after the failure */
        if (mine === request) say("Die Suche konnte nicht geladen werden. Bitte laden Sie die Seite neu.");
      });
    }

    function schedule() {
      window.clearTimeout(timer);
      if (input.value.trim()) window.paPagefind().then(function (p) { p.preload(input.value.trim()); });
      timer = window.setTimeout(run, 120);
    }

    function show() {
      if (!dialog.open) dialog.showModal();
      input.focus();
      input.select();
      window.paPagefind();
    }

    open.hidden = false;
    open.addEventListener("click", show);
    /* focus goes back to the button at once, not only when the (queued) close event arrives */
    function hide() { if (dialog.open) dialog.close(); open.focus(); }

    close.addEventListener("click", hide);
    dialog.addEventListener("close", function () { remember(""); open.focus(); });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) hide(); });
    input.addEventListener("input", schedule);
    dialog.addEventListener("keydown", function (event) {  /* Esc closes at once (not: first empty the field) */
      if (event.key === "Escape") { event.preventDefault(); hide(); }
    });
    kind.addEventListener("change", run);
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    more.addEventListener("click", function () { showMore(request, true); });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      event.stopImmediatePropagation();  /* Material's own "/" handler has no search to open */
      show();
    }, true);

    /* back from a result (or a shared link with ?suche=…): the dialog opens again on the same results */
    function restore() {
      var query = new URLSearchParams(window.location.search);
      var term = query.get("suche");
      if (!term || dialog.open) return;
      input.value = term;
      var typ = query.get("suchtyp") || "";
      if (Array.prototype.some.call(kind.options, function (o) { return o.value === typ; })) kind.value = typ;
      show();
      run();
    }
    restore();
    window.addEventListener("pageshow", function (event) { if (event.persisted) restore(); });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pa-suche]"), function (box) {
      if (box.getAttribute("data-pa-bereit")) return;
      box.setAttribute("data-pa-bereit", "1");
      setup(box);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
