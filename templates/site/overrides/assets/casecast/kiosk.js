/*
 * casecast kiosk mode (extra.casecast.site.kiosk: true): a lobby screen returns to the home page
 * after a few minutes without a touch, a key or a scroll, so the next reader starts fresh.
 * The idle time and the home page come from <meta name="casecast-kiosk"> (theme overrides).
 */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="casecast-kiosk"]');
  if (!meta) return;
  var seconds = parseInt(meta.getAttribute("content"), 10) || 180;
  var home = new URL(meta.getAttribute("data-home"), location.href);
  var timer = null;
  document.documentElement.setAttribute("data-cc-kiosk", "on");

  function goHome() {
    Array.prototype.forEach.call(document.querySelectorAll("audio"), function (a) { a.pause(); });
    try { localStorage.removeItem("casecast-reader"); } catch (e) { /* the next reader gets normal text */ }
    location.href = home.href;  // also at home: reloading applies the cleared reading settings
  }

  function restart() {
    clearTimeout(timer);
    timer = setTimeout(goHome, seconds * 1000);
  }

  ["pointerdown", "keydown", "touchstart", "wheel", "scroll", "input"].forEach(function (type) {
    window.addEventListener(type, restart, { passive: true, capture: true });
  });
  restart();
})();
