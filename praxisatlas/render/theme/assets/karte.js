/* Praxisatlas Jugendhilfe: the map's filter by topic and entry type (/karte/). Reads karte/daten.json (made at
   build time), recolours the Kreise, renames their links ("Kreis Soest: 2 Praxisbeispiele") and updates the
   legend; the filter lives in the URL (?thema=…&art=…). Without JavaScript the map shows all practices. */
(function () {
  "use strict";

  function words(n) {
    return n === 0 ? "keine Praxisbeispiele" : (n === 1 ? "1 Praxisbeispiel" : n + " Praxisbeispiele");
  }

  function klasse(bins, n) {
    var k = 0;
    bins.forEach(function (low, i) { if (n >= low) k = i; });
    return k;
  }

  function karte(form, data) {
    var map = document.getElementById("karte");
    var status = document.getElementById("karte-status");
    var links = Array.prototype.slice.call(map.querySelectorAll("a[data-ags]"));
    var params = new URLSearchParams(window.location.search);
    form.elements.thema.value = params.get("thema") || "";
    form.elements.art.value = params.get("art") || "";
    if (form.elements.thema.selectedIndex < 0) form.elements.thema.value = "";
    if (form.elements.art.selectedIndex < 0) form.elements.art.value = "";

    function update(write) {
      var thema = form.elements.thema.value, art = form.elements.art.value;
      var ok = data.praxis.map(function (p) {
        return (!thema || p.themen.indexOf(thema) !== -1) && (!art || p.art === art);
      });
      var perBin = data.klassen.map(function () { return 0; });
      var placed = {}, withAny = 0;
      links.forEach(function (a) {
        var ags = a.getAttribute("data-ags");
        var kreis = data.kreise[ags];
        var n = 0;
        if (kreis) kreis.praxis.forEach(function (i) { if (ok[i]) { n += 1; placed[i] = true; } });
        var k = klasse(data.klassen, n);
        perBin[k] += 1;
        if (n) withAny += 1;
        a.setAttribute("class", "pa-k" + k);
        a.setAttribute("aria-label", (data.namen[ags] || ags) + ": " + words(n));
      });
      Array.prototype.forEach.call(map.querySelectorAll("[data-klasse]"), function (span) {
        span.textContent = perBin[Number(span.getAttribute("data-klasse"))];
      });
      var count = Object.keys(placed).length;
      var scope = [];
      if (thema) scope.push("Thema „" + form.elements.thema.options[form.elements.thema.selectedIndex].text + "“");
      if (art) scope.push("Art „" + art + "“");
      status.textContent = (count === 1 ? "1 Praxisbeispiel" : count + " Praxisbeispiele") +
        (scope.length ? " (" + scope.join(", ") + ")" : "") + " in " + withAny + " von " + links.length +
        " Kreisen und kreisfreien Städten.";
      if (write) {
        var q = new URLSearchParams();
        if (thema) q.set("thema", thema);
        if (art) q.set("art", art);
        var search = q.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
    }
    form.addEventListener("change", function () { update(true); });
    form.hidden = false;
    update(false);
  }

  function init() {
    var form = document.getElementById("karte-filter");
    if (!form) return;
    fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); })
      .then(function (data) { karte(form, data); });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
