/*
 * casecast reading tools: larger text and a high-contrast mode that work without the browser's
 * zoom (适老化). The choice is kept in this browser (localStorage) and applied before the page
 * paints, so it does not flash.
 */
(function () {
  "use strict";
  var KEY = "casecast-reader";
  var root = document.documentElement;
  var SIZES = [["normal", "标准字号"], ["large", "大字"], ["xlarge", "特大字"]];

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

  function button(bar, label, isPressed, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "cc-reader__button";
    b.textContent = label;
    b.addEventListener("click", onClick);
    b.refresh = function (state) { b.setAttribute("aria-pressed", isPressed(state) ? "true" : "false"); };
    bar.appendChild(b);
  }

  function update(bar, state) {
    apply(state);
    save(state);
    Array.prototype.forEach.call(bar.children, function (b) { b.refresh(state); });
  }

  function build(bar, state) {
    SIZES.forEach(function (size) {
      button(bar, size[1], function (s) { return (s.size || "normal") === size[0]; }, function () {
        state.size = size[0];
        update(bar, state);
      });
    });
    button(bar, "高对比度", function (s) { return !!s.contrast; }, function () {
      state.contrast = !state.contrast;
      update(bar, state);
    });
    update(bar, state);
  }

  var state = load();
  apply(state);
  document.addEventListener("DOMContentLoaded", function () {
    var content = document.querySelector(".md-content__inner");
    if (!content) return;
    var bar = document.createElement("div");
    bar.className = "cc-reader";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "阅读设置");
    build(bar, state);
    content.insertBefore(bar, content.firstChild);
    nameSearchDialog();
  });

  // Material's search overlay is role="dialog" without a name (axe: aria-dialog-name); name it here
  // rather than patching Material's templates.
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "搜索本站");
  }
})();
