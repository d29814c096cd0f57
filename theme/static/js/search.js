/* Site search on /cari/: Pagefind's own index and API (loaded only here, on
   first use), our own small UI (no inline styles, text nodes only). */
(function () {
  "use strict";
  var form = document.querySelector(".kt-search__form");
  if (!form || !window.Promise) { return; }
  var input = form.querySelector(".kt-search__input");
  var status = document.querySelector(".kt-search__status");
  var list = document.querySelector(".kt-search__results");
  var note = document.querySelector(".kt-search__nojs");
  var pagefind = null;
  var latest = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(form.getAttribute("data-bundle")).then(function (api) {
        return api.init().then(function () { return api; });
      });
    }
    return pagefind;
  }

  function say(name, values) {
    var text = form.getAttribute("data-" + name);
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(values[key]); });
    status.textContent = text;
  }

  /* Pagefind's excerpt is escaped text with <mark> around hits: keep only those two. */
  function excerpt(html) {
    var p = document.createElement("p");
    p.className = "kt-search__excerpt";
    var parsed = new DOMParser().parseFromString(html, "text/html").body.childNodes;
    Array.prototype.forEach.call(parsed, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function render(query, pages) {
    list.textContent = "";
    pages.forEach(function (page) {
      var item = document.createElement("li");
      item.className = "kt-search__result";
      var link = document.createElement("a");
      link.href = page.url;
      link.textContent = (page.meta && page.meta.title) || page.url;
      item.appendChild(link);
      item.appendChild(excerpt(page.excerpt || ""));
      list.appendChild(item);
    });
    say(pages.length ? "found" : "none", { count: pages.length, query: query });
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    if (!query) { list.textContent = ""; status.textContent = ""; return; }
    load().then(function (api) {
      return api.search(query);
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (pages) {
      if (ticket === latest) { render(query, pages); }
    }).catch(function () {
      say("failed");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value);
  });
  input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
  form.hidden = false;
  if (note) { note.hidden = true; }
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
