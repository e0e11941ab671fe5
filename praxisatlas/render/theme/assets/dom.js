/* Praxisatlas: the one helper our page scripts share to build DOM nodes (loaded before them, see mkdocs.yml).
   el("p", {class: "x"}, ["Text", otherNode]): text is always a text node, never parsed as HTML. */
(function () {
  "use strict";
  window.paEl = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  };
})();
