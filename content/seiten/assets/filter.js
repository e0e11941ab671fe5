/* Praxisatlas Jugendhilfe: filters for the index tables. The tables work without this script;
   it only hides rows that do not match and keeps the choice in the URL (?thema=…&bundesland=…). */
(function () {
  "use strict";

  function matches(row, filters) {
    return Object.keys(filters).every(function (name) {
      var wanted = filters[name];
      if (!wanted) return true;
      var values = (row.getAttribute("data-" + name) || "").split("|");
      return values.indexOf(wanted) !== -1;
    });
  }

  function setup(form) {
    var table = document.getElementById(form.getAttribute("data-pa-filter"));
    if (!table) return;
    var status = document.querySelector('[data-pa-status="' + table.id + '"]');
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var params = new URLSearchParams(window.location.search);

    selects.forEach(function (select) {
      var value = params.get(select.name);
      if (value !== null && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });

    function apply(updateUrl) {
      var filters = {};
      var query = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        filters[select.name] = select.value;
        if (select.value) query.set(select.name, select.value); else query.delete(select.name);
      });
      var shown = 0;
      rows.forEach(function (row) {
        var ok = matches(row, filters);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (status) status.textContent = shown + " von " + rows.length + " Einträgen angezeigt";
      if (updateUrl) {
        var search = query.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
    }

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
