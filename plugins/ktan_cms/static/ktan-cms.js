// KTAN Jember browser CMS: our additions to Decap CMS (loaded after decap-cms.js, settings in ktan-cms-settings.js).
// 1. "ktan-waktu": date + optional time in WIB, written as the content model reads it ("2023-08-31 08:00" or "2023-08-31").
// 2. The preview pane shows the page as the site renders it (the live preview, in an iframe).
// 3. The result of our content check, in Indonesian, on every screen of the CMS.
// 4. Decap's own words in Indonesian (Decap ships no Indonesian; English fills what is not here).
//    "Publish" becomes "Simpan": it saves a file; our `status` field decides what is public.
(function () {
  "use strict";
  var settings = window.KTAN_CMS || {};
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var DATE_RE = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2})[:.](\d{2}))?/;

  function splitValue(value) {
    var match = DATE_RE.exec(String(value || "").trim());
    if (!match) return { date: "", time: "", raw: String(value || "") };
    var time = match[2] ? ("0" + match[2]).slice(-2) + ":" + match[3] : "";
    return { date: match[1], time: time, raw: "" };
  }

  var TimeControl = createClass({
    emit: function (date, time) {
      var mode = this.props.field.get("time") || "optional";
      if (!date) {
        this.props.onChange("");
      } else {
        this.props.onChange(mode !== "none" && time ? date + " " + time : date);
      }
    },
    render: function () {
      var self = this;
      var mode = this.props.field.get("time") || "optional";
      var parts = splitValue(this.props.value);
      var children = [
        h("input", {
          key: "date", id: this.props.forID, type: "date", value: parts.date, "data-ktan-part": "date",
          onChange: function (e) { self.emit(e.target.value, parts.time); },
          onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
        }),
      ];
      if (mode !== "none") {
        children.push(h("input", {
          key: "time", type: "time", value: parts.time, "data-ktan-part": "time", "aria-label": "Jam (WIB)",
          onChange: function (e) { self.emit(parts.date, e.target.value); },
          onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
        }));
        children.push(h("span", { key: "zone", className: "ktan-waktu__zone" }, "WIB (kosongkan jam bila belum diumumkan)"));
      }
      children.push(h("button", {
        key: "clear", type: "button", className: "ktan-waktu__clear",
        onClick: function () { self.props.onChange(""); },
      }, "Hapus"));
      if (parts.raw) {
        children.push(h("span", { key: "raw", className: "ktan-waktu__raw" }, "Nilai di berkas: " + parts.raw));
      }
      return h("div", { className: this.props.classNameWrapper + " ktan-waktu" }, children);
    },
  });

  var TimePreview = createClass({
    render: function () { return h("span", {}, String(this.props.value || "")); },
  });

  function absolute(url) {
    return new URL(url, window.location.href).href;
  }

  function pageUrl(typeName, slug, lang) {
    var page = (settings.pages || {})[typeName];
    if (!page || !slug) return "";
    var root = lang === settings.defaultLang ? "" : lang + "/";
    return absolute(settings.previewUrl + root + page.url.split("{slug}").join(slug));
  }

  function makePreview(typeName) {
    return createClass({
      getInitialState: function () { return { lang: settings.defaultLang }; },
      render: function () {
        var self = this;
        var entry = this.props.entry;
        if (entry.get("newRecord") || !entry.get("slug")) {
          return h("p", { className: "ktan-preview__note" },
            "Pratinjau halaman muncul setelah entri ini disimpan (tombol Publish). / The page preview appears once this entry is saved.");
        }
        var langs = settings.langs;  // data types (services, stakeholders) are shown on the pages of both languages too
        var url = pageUrl(typeName, entry.get("slug"), this.state.lang);
        var buttons = langs.map(function (lang) {
          return h("button", {
            key: lang, type: "button", "aria-pressed": String(lang === self.state.lang),
            onClick: function () { self.setState({ lang: lang }); },
          }, lang === "id" ? "Bahasa Indonesia" : "English");
        });
        return h("div", { className: "ktan-preview" }, [
          h("p", { key: "note" }, "Halaman seperti yang tampil di situs (versi yang terakhir disimpan; dimuat ulang sendiri setelah disimpan): ",
            h("a", { href: url, target: "_blank", rel: "noopener" }, url)),
          h("div", { key: "langs" }, buttons),
          h("iframe", { key: "frame", src: url, title: "Pratinjau halaman / Page preview", className: "ktan-preview__frame",
            style: { width: "100%", height: "85vh", border: "1px solid #ccc" } }),
        ]);
      },
    });
  }

  function renderStatus(box, state) {
    var errors = state.errors || [];
    var warnings = state.warnings || [];
    box.textContent = "";
    box.className = "ktan-status " + (errors.length || state.preview_ok === false ? "ktan-status--error" : warnings.length ? "ktan-status--warning" : "ktan-status--ok");
    var title = document.createElement("h2");
    if (errors.length) {
      title.textContent = "Pemeriksaan konten: " + errors.length + " masalah. Situs belum diperbarui; perbaiki dulu. / " + errors.length + " content problem(s): the site was not updated.";
    } else if (state.preview_ok === false) {
      title.textContent = "Pratinjau gagal dibangun; lihat pesan di panel pratinjau. / The preview could not be built.";
    } else if (warnings.length) {
      title.textContent = "Pemeriksaan konten: tidak ada kesalahan; " + warnings.length + " peringatan pada draf (tidak menghalangi). / No errors; " + warnings.length + " warning(s) in drafts.";
    } else {
      title.textContent = "Pemeriksaan konten: tidak ada masalah. / Content check: no problems.";
    }
    box.appendChild(title);
    [["error", errors], ["warning", warnings]].forEach(function (group) {
      if (!group[1].length) return;
      var list = document.createElement("ul");
      group[1].forEach(function (problem) {
        var item = document.createElement("li");
        item.className = "ktan-status__" + group[0];
        var where = document.createElement("strong");
        where.textContent = problem.location;
        item.appendChild(where);
        item.appendChild(document.createTextNode(" " + problem.message_id));
        if (problem.example) {
          var example = document.createElement("code");
          example.textContent = problem.example;
          item.appendChild(document.createTextNode(" Contoh yang benar: "));
          item.appendChild(example);
        }
        var english = document.createElement("span");
        english.lang = "en";
        english.className = "ktan-status__en";
        english.textContent = "(EN) " + problem.message_en;
        item.appendChild(english);
        list.appendChild(item);
      });
      box.appendChild(list);
    });
  }

  function watchStatus() {
    if (!settings.statusUrl) return;
    var box = document.createElement("section");
    box.id = "ktan-status";
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    document.body.appendChild(box);
    var last = "";
    function poll() {
      fetch(settings.statusUrl, { cache: "no-store" })
        .then(function (response) { return response.json(); })
        .then(function (state) {
          var text = JSON.stringify(state);
          if (text !== last) { last = text; renderStatus(box, state); }
        })
        .catch(function () { /* the workspace is stopping: keep the last state */ })
        .then(function () { setTimeout(poll, 1500); });
    }
    poll();
  }

  var INDONESIAN = {
    auth: { login: "Masuk", loggingIn: "Masuk..." },
    app: { header: { content: "Isi", media: "Gambar", quickAdd: "Buat baru" },
      app: { loadingConfig: "Memuat pengaturan...", waitingBackend: "Menunggu penyimpan berkas..." } },
    collection: {
      sidebar: { collections: "Jenis konten", allCollections: "Semua jenis", searchAll: "Cari di semua", searchIn: "Cari di" },
      collectionTop: { sortBy: "Urutkan", viewAs: "Tampilan", ascending: "Naik", descending: "Turun",
        newButtonAriaLabel: "Buat %{collectionLabel} baru" },
      entries: { loadingEntries: "Memuat entri...", noEntries: "Belum ada entri" },
    },
    editor: {
      editorControl: { field: { optional: "boleh kosong" } },
      editorControlPane: {
        widget: {
          required: "%{fieldLabel} wajib diisi.",
          regexPattern: "%{fieldLabel}: %{pattern}.",
          rangeMin: "%{fieldLabel}: isi paling sedikit %{minCount}.",
        },
        i18n: {
          writingInLocale: "Bahasa: %{locale}",
          copyFromLocale: "Salin dari bahasa lain",
          copyFromLocaleConfirm: "Salin isi dari bahasa %{locale}?\nSemua isi di sini akan ditimpa.",
        },
      },
      editorInterface: {
        toggleI18n: "Bahasa kedua atau pratinjau", togglePreview: "Pratinjau", toggleScrollSync: "Gulir bersama",
      },
      editorToolbar: {
        publishing: "Menyimpan...", publish: "Simpan", published: "Tersimpan", publishNow: "Simpan sekarang",
        publishAndCreateNew: "Simpan lalu buat baru", publishAndDuplicate: "Simpan lalu gandakan", duplicate: "Gandakan",
        deleteEntry: "Hapus entri", deletePublishedEntry: "Hapus entri",
        backCollection: " Menyunting: %{collectionLabel}", unsavedChanges: "Belum disimpan", changesSaved: "Sudah disimpan",
        deployPreviewPendingButtonLabel: "Periksa pratinjau", deployPreviewButtonLabel: "Lihat pratinjau",
      },
      editorWidgets: {
        image: { choose: "Pilih gambar", chooseDifferent: "Pilih gambar lain", remove: "Hapus gambar" },
        list: { add: "Tambah %{item}", addType: "Tambah %{item}" },
        object: { expand: "Buka", collapse: "Tutup" },
      },
    },
    mediaLibrary: {
      mediaLibraryModal: {
        loading: "Memuat...", close: "Tutup", noResults: "Tidak ada hasil.", noAssetsFound: "Belum ada berkas.",
        noImagesFound: "Belum ada gambar.", images: "Gambar", mediaAssets: "Berkas", search: "Cari...",
        uploading: "Mengunggah...", upload: "Unggah", download: "Unduh", deleting: "Menghapus...",
        deleteSelected: "Hapus yang dipilih", chooseSelected: "Pakai yang dipilih",
      },
    },
    ui: {
      settingsDropdown: { logOut: "Keluar" },
      toast: {
        missingRequiredField: "Ada kolom wajib yang belum diisi atau isinya belum benar. Perbaiki dulu, lalu simpan.",
        entrySaved: "Entri tersimpan",
        onFailToPersist: "Gagal menyimpan: %{details}",
        onFailToLoadEntries: "Gagal memuat entri: %{details}",
      },
    },
  };

  CMS.registerLocale("id", INDONESIAN);
  CMS.registerWidget("ktan-waktu", TimeControl, TimePreview);
  Object.keys(settings.pages || {}).forEach(function (typeName) {
    CMS.registerPreviewTemplate(typeName, makePreview(typeName));
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watchStatus);
  } else {
    watchStatus();
  }
})();
