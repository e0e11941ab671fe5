/* Praxisatlas Jugendhilfe: Partnersuche and Vergleich. Reads daten/kommunenindex.json (made at build time);
   the choice lives in the URL. The ranking is the one documented on the page and in praxisatlas/relate.py. */
(function () {
  "use strict";

  var el = window.paEl;  // assets/dom.js

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

  /* A type-ahead chooser for 400+ Kommunen (WAI-ARIA 1.2 combobox with a listbox popup). It matches the
     name, the Kreis a town belongs to and the AGS, says how many match, and writes the choice into the
     (hidden) select, whose "change" drives the page as before. */
  var comboCount = 0;
  var MAX_SHOWN = 50;

  function fold(text) {
    return String(text || "").toLocaleLowerCase("de-DE").replace(/ä/g, "a").replace(/ö/g, "o")
      .replace(/ü/g, "u").replace(/ß/g, "ss").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function matches(index, query) {
    var q = fold(query).trim();
    var slugs = Object.keys(index.kommunen).sort(byName(index));
    if (!q) return slugs.map(function (slug) { return { slug: slug, why: "" }; });
    var found = [];
    slugs.forEach(function (slug) {
      var k = index.kommunen[slug];
      var name = fold(k.name);
      var rank = -1, why = "";
      var wordStart = name.split(/[\s\-\/(]+/).some(function (w) { return w.indexOf(q) === 0; });
      if (wordStart) rank = name.indexOf(q) === 0 ? 0 : 1;
      else if (name.indexOf(q) !== -1) rank = 2;
      else if (k.kreis && fold(k.kreis).indexOf(q) !== -1) { rank = 3; why = "liegt im " + k.kreis; }
      else if (k.ags && /^\d+$/.test(q) && k.ags.indexOf(q) === 0) { rank = 3; why = "AGS " + k.ags; }
      if (rank >= 0) found.push({ slug: slug, why: why, rank: rank });
    });
    found.sort(function (a, b) { return a.rank - b.rank; });  /* stable: by name within a rank */
    return found;
  }

  function combobox(select, index, labelText) {
    var n = ++comboCount;
    var ids = { input: "pa-combo-" + n, list: "pa-combo-liste-" + n, hint: "pa-combo-hilfe-" + n, status: "pa-combo-status-" + n };
    var input = el("input", { id: ids.input, type: "text", role: "combobox", "aria-autocomplete": "list",
      "aria-expanded": "false", "aria-controls": ids.list, "aria-describedby": ids.hint, autocomplete: "off",
      autocapitalize: "off", spellcheck: "false", "class": "pa-combo__eingabe" });
    var list = el("ul", { id: ids.list, role: "listbox", "aria-label": labelText + ": Vorschläge", "class": "pa-combo__liste", hidden: "" });
    var status = el("p", { id: ids.status, role: "status", "class": "pa-combo__status" });
    var box = el("div", { "class": "pa-combo" }, [
      el("label", { "for": ids.input, "class": "pa-combo__label" }, [labelText]),
      el("p", { id: ids.hint, "class": "pa-combo__hilfe" }, ["Name, Kreis oder Gemeindeschlüssel (AGS) eingeben, mit den Pfeiltasten wählen, mit der Eingabetaste übernehmen."]),
      el("div", { "class": "pa-combo__feld" }, [input, list]), status]);
    var wrapper = select.closest("label") || select;
    wrapper.parentNode.insertBefore(box, wrapper);
    wrapper.hidden = true;
    var shown = [], active = -1;

    function chosenName() { return select.value && index.kommunen[select.value] ? index.kommunen[select.value].name : ""; }
    input.value = chosenName();

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(i) {
      var items = list.children;
      if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
      active = i;
      if (i < 0 || !items[i]) { input.removeAttribute("aria-activedescendant"); return; }
      items[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    }

    function open() {
      var found = matches(index, input.value);
      shown = found.slice(0, MAX_SHOWN);
      list.textContent = "";
      shown.forEach(function (m, i) {
        var k = index.kommunen[m.slug];
        var extra = [k.art, m.why || (k.kreis ? "im " + k.kreis : ""), k.land].filter(Boolean).join(", ");
        var option = el("li", { id: ids.list + "-" + i, role: "option", "aria-selected": "false", "class": "pa-combo__option" },
          [k.name, el("span", { "class": "pa-combo__zusatz" }, [" (" + extra + ")"])]);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(i); });
        list.appendChild(option);
      });
      var count = found.length === 1 ? "1 Kommune gefunden" : found.length + " Kommunen gefunden";
      if (found.length > shown.length) count += ", die ersten " + shown.length + " werden angezeigt – tippen Sie weiter, um einzugrenzen";
      status.textContent = input.value.trim() ? count + "." : found.length + " Kommunen zur Auswahl.";
      list.hidden = !shown.length;
      input.setAttribute("aria-expanded", shown.length ? "true" : "false");
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }

    function choose(i) {
      var m = shown[i];
      if (!m) return;
      input.value = index.kommunen[m.slug].name;
      close();
      status.textContent = "Gewählt: " + input.value + ".";
      if (select.value !== m.slug) {
        select.value = m.slug;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    function clear() {
      input.value = "";
      close();
      status.textContent = "Auswahl gelöscht.";
      if (select.value) {
        select.value = "";
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    input.addEventListener("input", open);
    input.addEventListener("keydown", function (event) {
      var expanded = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!expanded) open();
        setActive(Math.min(active + 1, list.children.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!expanded) open();
        setActive(active <= 0 ? list.children.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (expanded) {
          event.preventDefault();
          choose(active >= 0 ? active : (shown.length === 1 ? 0 : -1));
        }
      } else if (event.key === "Escape") {
        if (expanded) { event.preventDefault(); close(); input.value = chosenName(); }
        else if (input.value) { event.preventDefault(); clear(); }
      }
    });
    input.addEventListener("blur", function () {
      close();
      if (!input.value.trim()) { if (select.value) clear(); }
      else input.value = chosenName();
    });
  }

  function setUrl(params) {
    var search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  }

  /* A short summary for screen readers (the result itself is not a live region: it would be read in full
     after every tick). At most 25 words. */
  function announce(id, text) {
    var status = document.getElementById(id);
    if (!status) return;
    var words = text.split(/\s+/);
    status.textContent = words.length > 25 ? words.slice(0, 25).join(" ") : text;
  }

  /* On a small screen the result starts below the form, out of sight. After a finished choice (a select)
     the page scrolls to it; while ticking topics a bar at the bottom says what was found and leads there. */
  var SMALL = "(max-width: 44.9375em)";
  function reveal(out, summary, scroll) {
    var bar = document.getElementById(out.id + "-hinweis");
    if (!bar) {
      bar = el("p", { "class": "pa-zum-ergebnis", id: out.id + "-hinweis", hidden: "" },
        [el("a", { href: "#" + out.id }, [""])]);
      bar.firstChild.addEventListener("click", function (event) {
        event.preventDefault();
        bar.hidden = true;
        out.scrollIntoView({ block: "start" });
      });
      out.parentNode.insertBefore(bar, out.nextSibling);  /* inside the page's main landmark */
      if (window.IntersectionObserver) {
        new window.IntersectionObserver(function (entries) {
          if (entries[0].isIntersecting) bar.hidden = true;
        }).observe(out);
      }
    }
    var top = out.getBoundingClientRect().top;
    if (!window.matchMedia(SMALL).matches || top < window.innerHeight * 0.75) { bar.hidden = true; return; }
    if (scroll) {
      bar.hidden = true;
      out.scrollIntoView({ block: "start" });
    } else {
      bar.firstChild.textContent = summary + " – zum Ergebnis";
      bar.hidden = false;
    }
  }

  function link(base, url, text) { return el("a", { href: base + url }, [text]); }
  // self-described state from a dated source: say when and by whom ("Stand 2010 laut …")
  function dated(k, items) { return items.length && k.angaben_stand ? items.concat(["(" + k.angaben_stand + ")"]) : items; }

  function topicNames(index, topics) {
    return topics.map(function (t) { return index.themen[t] || t; }).join(", ");
  }

  /* What the search used: the ticked topics, or the learning interests from the chosen Kommune's profile. */
  function usedLine(index, topics, fromProfile) {
    var text = fromProfile
      ? "Gesucht nach den Lerninteressen im Profil „" + fromProfile.name + "“: "
      : "Gesucht nach " + (topics.length === 1 ? "dem Thema: " : "den Themen: ");
    return el("p", { "class": "pa-verwendet" }, [text + topicNames(index, topics) + "."]);
  }

  /* Why nothing matched: per topic, how many practices there are and whose. */
  function whyNothing(index, base, topics, me) {
    var own = me ? index.kommunen[me].praxis.map(function (p) { return p.kurzname; }) : [];
    var items = topics.map(function (t) {
      var mine = {}, others = {};
      Object.keys(index.kommunen).forEach(function (slug) {
        index.kommunen[slug].praxis.forEach(function (p) {
          if (p.themen.indexOf(t) === -1) return;
          if (own.indexOf(p.kurzname) !== -1) mine[p.kurzname] = true; else others[p.kurzname] = true;
        });
      });
      var name = index.themen[t] || t;
      if (!Object.keys(mine).length && !Object.keys(others).length) return name + ": noch kein Praxisbeispiel im Praxisatlas.";
      return name + ": nur Praxisbeispiele, an denen Ihre Kommune selbst beteiligt ist (" + Object.keys(mine).length + ").";
    });
    var list = el("ul", {}, items.map(function (text) { return el("li", {}, [text]); }));
    return [el("p", {}, ["Warum nichts gefunden wurde – keine andere Kommune hat ein Praxisbeispiel zu diesen Themen:"]), list,
      el("p", {}, ["Kreuzen Sie weitere oder verwandte Themen an – oder ",
        link(base, "mitmachen/", "tragen Sie selbst ein Praxisbeispiel ein"), "."])];
  }

  /* The practices behind a match: those of this Kommune on the topics searched for. */
  function matchPractices(index, base, slug, topics, me) {
    var own = me ? index.kommunen[me].praxis.map(function (p) { return p.kurzname; }) : [];
    var items = index.kommunen[slug].praxis.filter(function (p) {
      return own.indexOf(p.kurzname) === -1 && p.themen.some(function (t) { return topics.indexOf(t) !== -1; });
    }).map(function (p) {
      var on = p.themen.filter(function (t) { return topics.indexOf(t) !== -1; });
      return el("li", {}, [link(base, p.url, p.titel), " (" + topicNames(index, on) + ")"]);
    });
    return items.length ? el("ul", { "class": "pa-treffer-praxis", "aria-label": "Praxisbeispiele" }, items) : null;
  }

  function points(score) {
    return String(score).replace(".", ",") + (score === 1 ? " Punkt" : " Punkte");
  }

  function showResults(out, index, base, results, topics, fromProfile, me) {
    out.textContent = "";
    if (!topics.length) {
      out.appendChild(el("p", {}, [fromProfile
        ? "Im Profil „" + fromProfile.name + "“ sind keine Lerninteressen angegeben. Bitte kreuzen Sie Themen an."
        : "Bitte wählen Sie Themen oder eine Kommune mit Lerninteressen."]));
      return;
    }
    out.appendChild(el("p", { "class": "pa-ergebnis-kopf" },
      [results.length + (results.length === 1 ? " Kommune gefunden" : " Kommunen gefunden")]));
    out.appendChild(usedLine(index, topics, fromProfile));
    if (!results.length) {
      whyNothing(index, base, topics, me).forEach(function (node) { out.appendChild(node); });
      return;
    }
    var list = el("ol", { "class": "pa-treffer" });
    results.forEach(function (r, i) {
      var item = index.kommunen[r.slug];
      var tied = results.filter(function (o) { return o.score === r.score; });
      var first = tied[0] === r;
      var score = "(" + points(r.score) + (tied.length > 1 ? ", punktgleich" : "") + ")";
      var name = link(base, item.url, item.name);
      name.setAttribute("class", "pa-treffer-name");
      var li = el("li", {}, [
        el("p", {}, [name, " ", el("span", { "class": "pa-punkte" }, [score])]),
        el("p", {}, ["Warum: " + r.reasons.join(", ") + "."])]);
      var practices = matchPractices(index, base, r.slug, topics, me);
      if (practices) li.appendChild(practices);
      if (tied.length > 1 && first) {
        li.appendChild(el("p", { "class": "pa-gleichstand" }, ["Gleichstand: " + tied.length + " Kommunen haben " +
          points(r.score) + " (" + tied.map(function (o) { return index.kommunen[o.slug].name; }).join(", ") +
          "). Bei gleicher Punktzahl stehen sie in alphabetischer Reihenfolge; das sagt nichts über ihre Eignung."]));
      }
      list.appendChild(li);
    });
    out.appendChild(list);
  }

  function partnersuche(form, index) {
    var out = document.getElementById("partnersuche-ergebnis");
    var base = form.getAttribute("data-base");
    var params = new URLSearchParams(window.location.search);
    fillKommunen(form.elements.kommune, index);
    form.elements.kommune.value = params.get("kommune") || "";  /* an unknown Kommune selects nothing */
    combobox(form.elements.kommune, index, "Unsere Kommune");
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
      showResults(out, index, base, results, useTopics, topics.length ? null : k, me);
      return summary(results, useTopics);
    }

    function summary(results, useTopics) {
      if (!useTopics.length) return "Keine Themen gewählt.";
      var found = results.length === 0 ? "Keine Kommune gefunden" : results.length === 1 ? "1 Kommune gefunden"
        : results.length + " Kommunen gefunden";
      return found + (useTopics.length === 1 ? " zu 1 Thema." : " zu " + useTopics.length + " Themen.");
    }
    form.addEventListener("change", function (event) {
      var text = update(true);
      announce("partnersuche-ansage", text);
      reveal(out, text.replace(/\.$/, ""), event.target.tagName === "SELECT");
    });
    form.hidden = false;
    update(false);
  }

  /* One cell of the comparison: text or link nodes, a list if several; `label` names the Kommune on a phone. */
  function cell(values, label) {
    var td = el("td", { "data-label": label });
    if (!values.length) { td.textContent = "–"; return td; }
    if (values.length === 1) { td.appendChild(typeof values[0] === "string" ? document.createTextNode(values[0]) : values[0]); return td; }
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
    selects.forEach(function (s, i) { combobox(s, index, "Kommune " + (i + 1)); });

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
        ["Zentrale Themen", function (k) { return dated(k, k.zentrale_themen); }],
        ["Ergebnisse", function (k) { return dated(k, k.ergebnisse); }],
        ["In Planung", function (k) {
          return dated(k, k.plaene_veraltet ? k.in_planung.map(function (p) { return "damals geplant: " + p; }) : k.in_planung);
        }],
        ["Praxisbeispiele", function (k) { return k.praxis.map(function (p) { return link(base, p.url, p.titel); }); }],
        ["Netzwerke", function (k) {
          return k.netzwerke.map(function (n) { return link(base, "netzwerke/" + n + "/", index.netzwerke[n]); });
        }]
      ];
      var body = el("tbody");
      var missing = [];
      rows.forEach(function (row) {
        var values = ks.map(function (k) { return row[1](k); });
        /* a row no compared Kommune has says nothing: it is left out and named below the table */
        if (values.every(function (v) { return !v.length; })) { missing.push(row[0]); return; }
        var tr = el("tr", {}, [el("th", { scope: "row" }, [row[0]])]);
        ks.forEach(function (k, i) { tr.appendChild(cell(values[i], k.name)); });
        body.appendChild(tr);
      });
      out.appendChild(el("p", { "class": "pa-scroll-hinweis" }, ["Ist das Fenster zu schmal, lässt sich die Tabelle seitlich verschieben; die erste Spalte bleibt stehen."]));
      out.appendChild(el("div", { "class": "pa-scroll", tabindex: "0", role: "region", "aria-label": "Vergleichstabelle, seitlich verschiebbar" }, [
        el("table", { "class": "pa-tabelle pa-vergleich" }, [
          el("caption", {}, ["Vergleich: " + ks.map(function (k) { return k.name; }).join(", ")]),
          el("thead", {}, [head]), body])]));
      if (missing.length) {
        out.appendChild(el("p", { "class": "pa-verwendet" }, ["Ohne Angaben bei allen gewählten Kommunen und deshalb nicht gezeigt: " +
          missing.join(", ") + "."]));
      }
      var names = ks.map(function (k) { return k.name; }).join(", ");
      var text = "Vergleich von " + ks.length + " Kommunen: " + names + ".";
      return text.split(/\s+/).length > 25 ? "Vergleich von " + ks.length + " Kommunen angezeigt." : text;
    }
    form.addEventListener("change", function (event) {
      var text = update(true);
      announce("vergleich-ansage", text || "Bitte wählen Sie mindestens zwei Kommunen.");
      if (text) reveal(out, text.replace(/\.$/, ""), event.target.tagName === "SELECT");
    });
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
