/*
 * casecast audio player and read-along (loaded with `defer`, no inline code).
 *
 * Every [data-cc-player] box gets working ±15 s, play/pause and speed buttons, a time display that
 * shows the real length before anything plays, and a remembered position per episode (localStorage).
 * On a transcript page, the sentence being played is highlighted and a click on a sentence plays
 * from it. The sentence times come from the page itself (data-start / data-end), so this also works
 * when the site is opened from a folder (file://), where the .vtt file could not be fetched.
 */
(function () {
  "use strict";
  var KEY = "casecast-player";
  var STEP = 15;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }

  function save(change) {
    var state = load();
    Object.keys(change).forEach(function (k) { state[k] = change[k]; });
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  function clock(seconds) {
    var total = Math.max(0, Math.round(seconds || 0));
    var h = Math.floor(total / 3600), m = Math.floor(total % 3600 / 60), s = total % 60;
    var mm = h ? (m < 10 ? "0" : "") + m : String(m);
    return (h ? h + ":" : "") + mm + ":" + (s < 10 ? "0" : "") + s;
  }

  function sentences(slug) {
    var box = document.querySelector('[data-cc-transcript="' + slug + '"]');
    if (!box) return [];
    return Array.prototype.map.call(box.querySelectorAll(".cc-cue"), function (el) {
      return { el: el, start: parseFloat(el.getAttribute("data-start")), end: parseFloat(el.getAttribute("data-end")) };
    });
  }

  function setup(player) {
    var slug = player.getAttribute("data-cc-player");
    var audio = player.querySelector("audio");
    var time = player.querySelector("[data-cc-time]");
    var toggle = player.querySelector('[data-cc-action="toggle"]');
    var rates = player.querySelectorAll("[data-cc-rate]");
    var cues = sentences(slug);
    var known = parseFloat(player.getAttribute("data-duration")) || 0;
    var current = null;
    var lastSaved = 0;
    player.classList.add("cc-player--ready");

    function length() { return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : known; }

    function showTime() { time.textContent = clock(audio.currentTime) + " / " + clock(length()); }

    function showState() {
      var playing = !audio.paused && !audio.ended;
      toggle.textContent = playing ? "❚❚ 暂停" : "▶ 播放";
      toggle.setAttribute("aria-label", playing ? "暂停" : "播放");
    }

    function highlight() {
      var t = audio.currentTime, found = null;
      for (var i = 0; i < cues.length; i++) {
        if (cues[i].start <= t + 0.01 && t < cues[i].end) { found = cues[i]; break; }
      }
      if (found === current) return;
      if (current) { current.el.classList.remove("cc-cue--current"); current.el.removeAttribute("aria-current"); }
      current = found;
      if (!found) return;
      found.el.classList.add("cc-cue--current");
      found.el.setAttribute("aria-current", "true");
      var box = found.el.getBoundingClientRect();
      if (!audio.paused && (box.top < 0 || box.bottom > window.innerHeight)) found.el.scrollIntoView({ block: "center" });
    }

    function seek(seconds) {
      audio.currentTime = Math.min(Math.max(0, seconds), Math.max(0, length() - 0.05));
      showTime();
      highlight();
    }

    function setRate(rate) {
      audio.defaultPlaybackRate = rate;  // load() resets playbackRate to this
      audio.playbackRate = rate;
      Array.prototype.forEach.call(rates, function (b) {
        b.setAttribute("aria-pressed", parseFloat(b.getAttribute("data-cc-rate")) === rate ? "true" : "false");
      });
    }

    function play() {
      // play() returns a promise that rejects when a pause() or load() comes before playback starts
      // (a quick second click); that is the listener's choice, not an error.
      var started = audio.play();
      if (started && started.catch) started.catch(showState);
    }

    function restore() {
      var saved = (load().positions || {})[slug];
      if (saved > 1 && saved < length() - 1 && audio.currentTime === 0) seek(saved);
      showTime();
    }

    function remember(force) {
      if (!force && Math.abs(audio.currentTime - lastSaved) < 2) return;
      lastSaved = audio.currentTime;
      var positions = load().positions || {};
      positions[slug] = audio.ended ? 0 : Math.round(audio.currentTime * 10) / 10;
      save({ positions: positions });
    }

    toggle.addEventListener("click", function () {
      if (audio.paused || audio.ended) { play(); } else { audio.pause(); }
    });
    player.querySelector('[data-cc-action="back"]').addEventListener("click", function () { seek(audio.currentTime - STEP); });
    player.querySelector('[data-cc-action="forward"]').addEventListener("click", function () { seek(audio.currentTime + STEP); });
    Array.prototype.forEach.call(rates, function (b) {
      b.addEventListener("click", function () {
        var rate = parseFloat(b.getAttribute("data-cc-rate"));
        setRate(rate);
        save({ rate: rate });
      });
    });
    cues.forEach(function (cue) {
      cue.el.addEventListener("click", function () {
        seek(cue.start);
        play();
      });
    });
    audio.addEventListener("loadedmetadata", restore);
    audio.addEventListener("durationchange", showTime);
    audio.addEventListener("timeupdate", function () { showTime(); highlight(); remember(false); });
    audio.addEventListener("seeked", function () { highlight(); remember(true); });
    audio.addEventListener("play", showState);
    audio.addEventListener("pause", function () { showState(); remember(true); });
    audio.addEventListener("ended", function () { showState(); remember(true); });
    audio.addEventListener("ratechange", function () { setRate(audio.playbackRate); });

    setRate(load().rate || 1);
    if (audio.readyState >= 1) restore();
    showState();
    whenLoaded(function () {
      // The page says preload="none" so that the MP3 does not compete with the text for bandwidth while
      // the page loads; once it has loaded, fetch the metadata so the browser's own controls show the length.
      if (audio.readyState === 0 && audio.paused && audio.getAttribute("data-cc-preload") === "metadata") {
        audio.preload = "metadata";
        audio.load();
      }
    });
  }

  function whenLoaded(run) {
    if (document.readyState === "complete") { setTimeout(run, 0); } else { window.addEventListener("load", run); }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-cc-player]"), setup);
})();
