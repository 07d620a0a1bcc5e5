/*
 * casecast: run Material's search worker where browsers refuse Web Workers.
 *
 * A page opened from a folder (file://, e.g. on a lobby kiosk) may not start a Web Worker, so
 * Material's search would stay empty. On such pages this script replaces `Worker` with a small
 * stand-in that runs the worker script in a hidden iframe of the same page. Material looks for
 * `IFrameWorker` on the parent window to find its scripts. Pages served over http(s) keep real
 * workers: this script then does nothing. Nothing is fetched from another site.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  var copy = typeof structuredClone === "function" ? structuredClone : function (data) { return data; };

  function loadScript(doc, url) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = url;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + url)); };
      doc.head.appendChild(script);
    });
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.queue = [];
      this.ready = false;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.tabIndex = -1;
      this.frame.title = "search";
      this.frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(this.frame);
      this.expose(this.frame.contentWindow);
      loadScript(this.frame.contentWindow.document, new URL(url, document.baseURI).href).then(
        this.start.bind(this),
        this.fail.bind(this)
      );
    }

    /* What the worker script sees as its global scope. */
    expose(scope) {
      var worker = this;
      scope.postMessage = function (data) { worker.receive(data); };
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, url) {
          return done.then(function () { return loadScript(scope.document, url); });
        }, Promise.resolve());
      };
    }

    start() {
      this.ready = true;
      this.queue.splice(0).forEach(this.send, this);
    }

    fail(error) {
      var event = new ErrorEvent("error", { message: String(error) });
      if (this.onerror) this.onerror(event);
      this.dispatchEvent(event);
    }

    postMessage(data) {
      if (this.ready) this.send(data);
      else this.queue.push(data);
    }

    send(data) {
      var scope = this.frame.contentWindow;
      var message = copy(data);
      setTimeout(function () { scope.dispatchEvent(new scope.MessageEvent("message", { data: message })); });
    }

    receive(data) {
      var worker = this;
      var message = copy(data);
      setTimeout(function () {
        var event = new MessageEvent("message", { data: message });
        if (worker.onmessage) worker.onmessage(event);
        worker.dispatchEvent(event);
      });
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
