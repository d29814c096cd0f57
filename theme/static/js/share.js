/* "Copy link" on news, event and drug pages: copies the page's address instead of following it.
   Without this script (or without the Clipboard API) the link is the page's own address. */
(function () {
  "use strict";
  var link = document.querySelector("[data-copy-link]");
  if (!link || !navigator.clipboard) return;
  var status = document.querySelector("[data-copy-status]");
  link.setAttribute("role", "button");
  link.addEventListener("click", function (event) {
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(function () {
      if (status) status.textContent = link.getAttribute("data-copied");
    }, function () {
      if (status) status.textContent = link.getAttribute("data-failed");
    });
  });
})();
