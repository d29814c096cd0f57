/* Events: keep the split fresh between rebuilds and filter the list.
   The page is complete without this script (the build splits upcoming from past
   and lists events by kecamatan and type); this only enhances it. */
(function () {
  "use strict";
  var now = Date.now();

  function ended(el, attr) {
    var end = Date.parse(el.getAttribute(attr));
    return !isNaN(end) && end <= now;
  }

  /* Event page: show the "over" banner if the event ended after the build. */
  var article = document.querySelector("[data-event-end]");
  if (article && ended(article, "data-event-end")) {
    var banner = article.querySelector("[data-event-over]");
    if (banner) banner.hidden = false;
  }

  var page = document.querySelector("[data-events]");
  if (!page) return;
  var upcoming = page.querySelector('[data-events-list="upcoming"]');
  var past = page.querySelector('[data-events-list="past"]');

  /* Move events whose end has passed into the past list (newest first). */
  if (upcoming && past) {
    var moved = Array.prototype.filter.call(upcoming.children, function (card) {
      return ended(card, "data-end");
    });
    moved.forEach(function (card) {
      var start = Date.parse(card.getAttribute("data-start"));
      var before = Array.prototype.find.call(past.children, function (other) {
        return Date.parse(other.getAttribute("data-start")) < start;
      });
      past.insertBefore(card, before || null);
    });
    if (moved.length) {
      page.querySelector("[data-events-past]").hidden = false;
      if (!upcoming.children.length) page.querySelector("[data-events-none]").hidden = false;
    }
  }

  /* Filter by kecamatan and type. */
  var form = page.querySelector("[data-events-filter]");
  if (!form) return;
  var status = form.querySelector("[data-events-status]");
  function apply() {
    var kecamatan = form.elements.kecamatan.value;
    var type = form.elements.type.value;
    var shown = 0;
    page.querySelectorAll("[data-events-list] > .kt-event-card").forEach(function (card) {
      var match = (!kecamatan || card.getAttribute("data-kecamatan") === kecamatan) &&
        (!type || card.getAttribute("data-type") === type);
      card.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = (kecamatan || type) ? status.getAttribute("data-text") + " " + shown : "";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  var groups = page.querySelector("[data-events-groups]");
  if (groups) groups.hidden = true;
})();
