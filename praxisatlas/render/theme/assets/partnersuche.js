/* Praxisatlas Jugendhilfe: Partnersuche and Vergleich. Reads daten/kommunenindex.json (made at build time);
   the choice lives in the URL. The ranking is the one documented on the page and in praxisatlas/relate.py. */
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function load(form) {
    return fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); });
  }

  function byName(index) {
    return function (a, b) { return index.kommunen[a].name.localeCompare(index.kommunen[b].name, "de"); };
  }

  /* The ranking of praxisatlas/relate.py (SCORING), step for step: per wanted topic 2 points if the Kommune
     works on it itself (its own profile) plus 3 per practice on it; if it reaches the topic only through a
     practice, 1 per such practice. Practices of our own do not count. +1 same size class; +1 same Land;
     +0.5 partner or shared network. Ties: by name (Python's casefold order, precomputed as "sortname"). */
  function topicPoints(own, n) { return own ? 2 + 3 * n : n; }

  function topicReason(title, own, n) {
    var word = n === 1 ? " Praxisbeispiel" : " Praxisbeispiele";
    if (own) return "arbeitet selbst an " + title + (n ? " (" + n + word + ")" : "");
    return "über " + n + word + " an " + title + " beteiligt";
  }

  function codeOrder(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }

  function rank(index, topics, klasse, land, me) {
    var mine = me ? index.kommunen[me] : null;
    var ownPractices = mine ? mine.praxis.map(function (p) { return p.kurzname; }) : [];
    var wanted = topics.filter(function (t, i) { return index.themen[t] !== undefined && topics.indexOf(t) === i; });
    var results = [];
    Object.keys(index.kommunen).forEach(function (slug) {
      if (slug === me) return;
      var k = index.kommunen[slug];
      var perTopic = {};
      k.praxis.forEach(function (p) {
        if (ownPractices.indexOf(p.kurzname) !== -1) return;  /* practices of our own teach us nothing new */
        p.themen.forEach(function (t) { if (wanted.indexOf(t) !== -1) perTopic[t] = (perTopic[t] || 0) + 1; });
      });
      var counts = [];
      wanted.forEach(function (t) {
        var own = k.themen.indexOf(t) !== -1;
        var n = perTopic[t] || 0;
        var points = topicPoints(own, n);
        if (points > 0) counts.push({ topic: t, own: own, n: n, points: points });
      });
      if (!counts.length) return;
      counts.sort(function (a, b) { return b.points - a.points || codeOrder(index.themen[a.topic], index.themen[b.topic]); });
      var score = 0;
      var reasons = counts.map(function (c) {
        score += c.points;
        return topicReason(index.themen[c.topic], c.own, c.n);
      });
      if (klasse && k.klasse === klasse) { score += 1; reasons.push("gleiche Größenklasse"); }
      if (land && k.land === land) { score += 1; reasons.push("ebenfalls in " + land); }
      if (mine && mine.partner.indexOf(slug) !== -1) { score += 0.5; reasons.push("bereits Partnerkommune"); }
      else if (mine && mine.netzwerke.some(function (n) { return k.netzwerke.indexOf(n) !== -1; })) {
        score += 0.5; reasons.push("bereits im selben Netzwerk");
      }
      results.push({ slug: slug, score: score, reasons: reasons });
    });
    results.sort(function (a, b) {
      return b.score - a.score || codeOrder(index.kommunen[a.slug].sortname, index.kommunen[b.slug].sortname);
    });
    return results.slice(0, 10);
  }

  /* The Kommunen to choose from come from the index, not from the page: 600 options would make it large. */
  function fillKommunen(select, index) {
    var fragment = document.createDocumentFragment();
    Object.keys(index.kommunen).sort(byName(index)).forEach(function (slug) {
      fragment.appendChild(el("option", { value: slug }, [index.kommunen[slug].name]));
    });
    select.appendChild(fragment);
  }

  function setUrl(params) {
    var search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  }

  function partnersuche(form, index) {
    var out = document.getElementById("partnersuche-ergebnis");
    var base = form.getAttribute("data-base");
    var params = new URLSearchParams(window.location.search);
    fillKommunen(form.elements.kommune, index);
    form.elements.kommune.value = params.get("kommune") || "";  /* an unknown Kommune selects nothing */
    form.elements.klasse.value = params.get("klasse") || "";
    form.elements.land.value = params.get("land") || "";
    var chosen = params.getAll("thema");
    Array.prototype.forEach.call(form.querySelectorAll("input[name=thema]"), function (box) {
      box.checked = chosen.indexOf(box.value) !== -1;
    });

    function update(write) {
      var me = form.elements.kommune.value;
      var topics = Array.prototype.filter.call(form.querySelectorAll("input[name=thema]"), function (b) { return b.checked; })
        .map(function (b) { return b.value; });
      var klasse = form.elements.klasse.value;
      var land = form.elements.land.value;
      var query = new URLSearchParams();
      if (me) query.set("kommune", me);
      topics.forEach(function (t) { query.append("thema", t); });
      if (klasse) query.set("klasse", klasse);
      if (land) query.set("land", land);
      if (write) setUrl(query);
      var k = me ? index.kommunen[me] : null;
      var useTopics = topics.length ? topics : (k ? k.lerninteressen : []);
      var results = rank(index, useTopics, klasse || (k && k.klasse) || "", land || (k && k.land) || "", me);
      out.textContent = "";
      if (!useTopics.length) {
        out.appendChild(el("p", {}, ["Bitte wählen Sie Themen oder eine Kommune mit Lerninteressen."]));
        return;
      }
      out.appendChild(el("p", {}, [results.length + (results.length === 1 ? " Kommune gefunden" : " Kommunen gefunden")]));
      var list = el("ol", { "class": "pa-treffer" });
      results.forEach(function (r) {
        var item = index.kommunen[r.slug];
        list.appendChild(el("li", {}, [el("a", { href: base + item.url }, [item.name]), ": " + r.reasons.join(", ")]));
      });
      out.appendChild(list);
    }
    form.addEventListener("change", function () { update(true); });
    form.hidden = false;
    update(false);
  }

  function cell(values) {
    var td = el("td");
    if (!values.length) { td.textContent = "–"; return td; }
    var ul = el("ul");
    values.forEach(function (v) { ul.appendChild(el("li", {}, [v])); });
    td.appendChild(ul);
    return td;
  }

  function vergleich(form, index) {
    var out = document.getElementById("vergleich-ergebnis");
    var base = form.getAttribute("data-base");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[name=k]"));
    selects.forEach(function (s) { fillKommunen(s, index); });
    var chosen = new URLSearchParams(window.location.search).getAll("k");
    selects.forEach(function (s, i) { s.value = chosen[i] && index.kommunen[chosen[i]] ? chosen[i] : ""; });

    function update(write) {
      var slugs = selects.map(function (s) { return s.value; }).filter(function (v, i, a) { return v && a.indexOf(v) === i; });
      if (write) {
        var q = new URLSearchParams();
        slugs.forEach(function (s) { q.append("k", s); });
        setUrl(q);
      }
      out.textContent = "";
      if (slugs.length < 2) {
        out.appendChild(el("p", {}, ["Bitte wählen Sie mindestens zwei Kommunen."]));
        return;
      }
      var ks = slugs.map(function (s) { return index.kommunen[s]; });
      var head = el("tr", {}, [el("th", { scope: "col" }, ["Merkmal"])].concat(ks.map(function (k) {
        return el("th", { scope: "col" }, [el("a", { href: base + k.url }, [k.name])]);
      })));
      var rows = [
        ["Art", function (k) { return [k.art]; }],
        ["Bundesland", function (k) { return [k.land]; }],
        ["Einwohner", function (k) {
          return k.einwohner ? [k.einwohner.toLocaleString("de-DE") + " (" + k.einwohner_beleg + ")"] : ["keine belegte Angabe"];
        }],
        ["Jugendamt", function (k) { return [k.jugendamt || "keine Angabe"]; }],
        ["Einwohner im Zuständigkeitsbereich des Jugendamts", function (k) {
          return k.jugendamt_einwohner ? [k.jugendamt_einwohner.toLocaleString("de-DE") + " (" + k.jugendamt_einwohner_beleg + ")"] : ["nicht bekannt"];
        }],
        ["Größenklasse (Jugendamt)", function (k) { return [k.klasse ? k.klasse + " (" + index.groessenklassen[k.klasse] + ")" : "nicht bestimmbar"]; }],
        ["Altersstruktur", function (k) {
          return k.altersstruktur.map(function (g) { return g.altersgruppe + ": " + g.anzahl.toLocaleString("de-DE"); });
        }],
        ["Themen (eigenes Profil)", function (k) { return k.themen.map(function (t) { return index.themen[t]; }); }],
        ["Themen über ein Praxisbeispiel", function (k) { return k.themen_ueber_praxis.map(function (t) { return index.themen[t]; }); }],
        ["Zentrale Themen", function (k) { return k.zentrale_themen; }],
        ["Ergebnisse", function (k) { return k.ergebnisse; }],
        ["In Planung", function (k) { return k.in_planung; }],
        ["Praxisbeispiele", function (k) { return k.praxis.map(function (p) { return p.titel; }); }],
        ["Netzwerke", function (k) { return k.netzwerke.map(function (n) { return index.netzwerke[n]; }); }]
      ];
      var body = el("tbody");
      rows.forEach(function (row) {
        var tr = el("tr", {}, [el("th", { scope: "row" }, [row[0]])]);
        ks.forEach(function (k) { tr.appendChild(cell(row[1](k))); });
        body.appendChild(tr);
      });
      out.appendChild(el("div", { "class": "pa-scroll", tabindex: "0", role: "region", "aria-label": "Vergleichstabelle, seitlich verschiebbar" }, [
        el("table", { "class": "pa-tabelle pa-vergleich" }, [
          el("caption", {}, ["Vergleich: " + ks.map(function (k) { return k.name; }).join(", ")]),
          el("thead", {}, [head]), body])]));
    }
    form.addEventListener("change", function () { update(true); });
    form.hidden = false;
    update(false);
  }

  function init() {
    var p = document.getElementById("partnersuche");
    if (p) load(p).then(function (index) { partnersuche(p, index); });
    var v = document.getElementById("vergleich");
    if (v) load(v).then(function (index) { vergleich(v, index); });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
