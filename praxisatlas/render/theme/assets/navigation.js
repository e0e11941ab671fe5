/* Praxisatlas Jugendhilfe: the navigation drawer of narrow windows and high zoom, usable with the keyboard.
   Closed, the drawer is invisible to Tab and screen readers (visibility: hidden in praxisatlas.css, also
   without this script). This script swaps Material's menu label for a real button that says whether the
   drawer is open, moves the focus into the opened drawer, and closes it with Escape (focus back on the
   button). Material's checkbox #__drawer stays the one switch, so its overlay and styles work as before. */
(function () {
  "use strict";

  function init() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector("[data-pa-menue]");
    var label = document.querySelector("[data-pa-menue-label]");
    var drawer = document.getElementById("pa-navigation");
    if (!toggle || !button || !drawer || button.getAttribute("data-pa-bereit")) return;
    button.setAttribute("data-pa-bereit", "1");
    var narrow = window.matchMedia("(max-width: 76.234375em)");

    function sync() {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      button.setAttribute("aria-label", toggle.checked ? "Navigation schließen" : "Navigation öffnen");
      /* inert as well where the browser knows it: nothing in the closed drawer can take the focus */
      if (narrow.matches && !toggle.checked) drawer.setAttribute("inert", "");
      else drawer.removeAttribute("inert");
      /* the open drawer covers the page: what lies under its overlay takes no focus either */
      Array.prototype.forEach.call(document.querySelectorAll(".md-content, .md-sidebar--secondary, .md-footer, .md-top"),
        function (node) {
          if (narrow.matches && toggle.checked) node.setAttribute("inert", ""); else node.removeAttribute("inert");
        });
    }

    function set(open) {
      if (toggle.checked !== open) toggle.click();  /* fires "change": Material reacts as to its label */
      sync();
    }

    button.addEventListener("click", function () {
      set(!toggle.checked);
      if (toggle.checked) {
        var first = drawer.querySelector("a[href], label[tabindex], button");
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked && narrow.matches) {
        set(false);
        button.focus();
      }
    });
    toggle.addEventListener("change", sync);
    narrow.addEventListener("change", sync);
    /* a page restored from the back/forward cache starts with the drawer closed */
    window.addEventListener("pageshow", function () { set(false); });
    if (label) label.hidden = true;
    button.hidden = false;
    sync();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
