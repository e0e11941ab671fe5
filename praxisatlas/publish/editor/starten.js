// /bearbeiten/: the page says what the form editor is for and who can use it; the editor itself (Sveltia CMS,
// about 3 MB) is loaded only when asked for with the button. Once started in this browser tab, a reload (or an
// edit link followed later) starts it again at once.
(function () {
  "use strict";

  var KINDS = { praxis: "Praxisbeispiel", kommunen: "Kommunenprofil", themen: "Thema", netzwerke: "Netzwerk" };
  var STARTED = "pa-editor-gestartet";
  var button = document.querySelector("[data-pa-start]");
  var status = document.querySelector("[data-pa-status]");
  var target = document.querySelector("[data-pa-ziel]");
  var back = document.querySelector("[data-pa-zurueck]");

  function load(src, module) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      if (module) script.type = "module";
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.body.appendChild(script);
    });
  }

  function start() {
    try { window.sessionStorage.setItem(STARTED, "1"); } catch (e) { /* private mode: start anyway */ }
    button.disabled = true;
    status.textContent = "Der Formular-Editor wird geladen …";
    load("vorbereiten.js").then(function () { return load("sveltia-cms.js"); }).then(function () {
      /* the editor takes the whole window: this page's frame goes */
      Array.prototype.forEach.call(document.querySelectorAll("[data-pa-huelle]"), function (node) { node.remove(); });
      landmark();
      return load("bearbeiten.js", true);
    }).catch(function () {
      button.disabled = false;
      status.textContent = "Der Formular-Editor konnte nicht geladen werden. Bitte laden Sie die Seite neu.";
    });
  }

  /* The editor's window-filling frame (a div with role "none") becomes the page's main landmark, so that
     screen-reader users can jump to it and no content stands outside a landmark. */
  function landmark() {
    function mark() {
      Array.prototype.forEach.call(document.body.children, function (node) {
        if (node.classList.contains("app-shell") && node.getAttribute("role") !== "main") {
          node.setAttribute("role", "main");
          node.setAttribute("aria-label", "Formular-Editor des Praxisatlas");
        }
      });
    }
    new MutationObserver(mark).observe(document.body, { childList: true });
    mark();
  }

  /* "Diese Seite bearbeiten" opens #/collections/<kind>/entries/<name>: say which entry */
  var match = /^#\/collections\/([a-z]+)\/(?:entries\/([a-z0-9-]+))?/.exec(window.location.hash);
  if (match && KINDS[match[1]]) {
    target.textContent = match[2] ? "Der Editor öffnet den Eintrag „" + match[2] + "“ (" + KINDS[match[1]] + ")."
      : "Der Editor öffnet die Einträge der Art „" + KINDS[match[1]] + "“.";
    target.hidden = false;
  }
  /* back to the page the visitor came from, if it is a page of this site */
  if (document.referrer && back) {
    var from = new URL(document.referrer);
    if (from.origin === window.location.origin && from.pathname.indexOf("/bearbeiten/") === -1) {
      back.href = from.href;
      back.textContent = "Zurück zur Seite, von der Sie kamen";
    }
  }
  button.addEventListener("click", start);
  button.hidden = false;
  var again = false;
  try { again = window.sessionStorage.getItem(STARTED) === "1"; } catch (e) { again = false; }
  if (again) start();
})();
