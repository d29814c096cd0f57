/* Registers /sw.js, which keeps the help lines and services list readable offline. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(script.dataset.sw, { scope: script.dataset.scope }).catch(function () {});
})();
