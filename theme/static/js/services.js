/* Services directory filter: an enhancement; without JS every service is listed, grouped. */
(function () {
  "use strict";
  var form = document.getElementById("kt-service-filter");
  var list = document.getElementById("kt-services");
  if (!form || !list || !list.querySelectorAll) return;
  var status = document.getElementById("kt-service-filter-status");
  var cards = list.querySelectorAll(".kt-service");
  var groups = list.querySelectorAll("[data-group]");

  function matches(card, kind, place, offer) {
    var data = card.dataset;
    return (!kind || data.kind === kind) &&
      (!place || !data.kecamatan || data.kecamatan === place) &&
      (!offer || (" " + data.offers + " ").indexOf(" " + offer + " ") >= 0);
  }

  function apply() {
    var kind = form.elements.kind.value;
    var place = form.elements.kecamatan.value;
    var offer = form.elements.offer.value;
    var shown = 0;
    Array.prototype.forEach.call(cards, function (card) {
      var ok = matches(card, kind, place, offer);
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    Array.prototype.forEach.call(groups, function (group) {
      group.hidden = !group.querySelector(".kt-service:not([hidden])");
    });
    status.textContent = (shown === 1 ? status.dataset.one : status.dataset.many).replace("{n}", shown);
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
})();
