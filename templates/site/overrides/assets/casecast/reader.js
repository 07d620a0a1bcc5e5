/*
 * casecast reading tools: larger text and a high-contrast mode that work without the browser's
 * zoom (适老化). The choice is kept in this browser (localStorage); a one-line inline script in the
 * page's head (overrides/main.html) applies it before the page paints, so it does not flash. This file
 * is deferred: it wires the buttons and applies each new choice.
 */
(function () {
  "use strict";
  var KEY = "casecast-reader";
  var root = document.documentElement;
  
  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }

  function save(state) {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: keep for this page */ }
  }

  function apply(state) {
    root.setAttribute("data-cc-size", state.size || "normal");
    root.setAttribute("data-cc-contrast", state.contrast ? "high" : "normal");
  }

  function refresh(bar, state) {
    Array.prototype.forEach.call(bar.querySelectorAll("button"), function (b) {
      var size = b.getAttribute("data-cc-size-choice");
      var pressed = size ? (state.size || "normal") === size : !!state.contrast;
      b.setAttribute("aria-pressed", pressed ? "true" : "false");
    });
  }

  function update(bar, state) {
    apply(state);
    save(state);
    refresh(bar, state);
  }

  function wire(bar, state) {
    Array.prototype.forEach.call(bar.querySelectorAll("button"), function (b) {
      b.addEventListener("click", function () {
        var size = b.getAttribute("data-cc-size-choice");
        if (size) { state.size = size; } else { state.contrast = !state.contrast; }
        update(bar, state);
      });
    });
    refresh(bar, state);
  }

  var state = load();
  apply(state);
  function start() {
    var bar = document.querySelector(".cc-reader");
    if (bar) wire(bar, state);
    nameSearchDialog();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();

  // Material's search overlay is role="dialog" without a name (axe: aria-dialog-name); name it here
  // rather than patching Material's templates.
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "搜索本站");
  }
})();
