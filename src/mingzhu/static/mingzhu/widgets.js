// Searchable selects (core/widgets.py): a <select data-remote="URL"> holds only its chosen
// options; Tom Select asks URL?q=... for at most 50 more as the user types. Units come with
// their depth in the tree and are indented; a select with data-depends="id" (another
// field's name) asks only for the units below the unit chosen there, and is emptied
// when that choice changes. Only the answer to the latest question is shown: on a slow
// line the answer to an earlier one (the list asked for on focus) may come after the
// user has typed again or already chosen, and would open the list over the next field.
// A choice also ends the search Tom Select waits to run after a keystroke (300 ms): run
// after the choice, it would ask again for the whole list and open it; and an answer
// that arrives after a choice, before the user types or clicks in the field again,
// fills the list without opening it.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  if (!window.TomSelect) { return; }
  document.querySelectorAll("select[data-remote]").forEach(function (select) {
    var form = select.form;
    var master = select.dataset.depends && form ? form.elements[select.dataset.depends] : null;
    var multiple = select.multiple;
    var latest = 0;  // the number of the latest question; a choice made counts as one
    var chosen = false;  // a choice made, and the field not typed or clicked in since
    var settle = function (self, query) {
      // An answer overtaken by a later question or a choice: dropped as Tom Select drops a
      // load it debounces, and the search may be asked again.
      self.loading = Math.max(self.loading - 1, 0);
      if (!self.loading) { self.wrapper.classList.remove(self.settings.loadingClass); }
      delete self.loadedSearches[query];
    };
    var picker = new TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: ["text"],
      score: function () { return function () { return 1; }; },  // the server searches
      maxOptions: 60,
      preload: "focus",
      loadThrottle: 250,
      plugins: multiple ? ["remove_button"] : (select.required ? [] : ["clear_button"]),
      shouldLoad: function () { return true; },
      load: function (query, callback) {
        var url = new URL(select.dataset.remote, window.location.href);
        url.searchParams.set("q", query);
        if (master) { url.searchParams.set("within", master.value || ""); }
        var self = this;
        var ticket = ++latest;
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            if (ticket !== latest) { settle(self, query); return; }
            self.clearOptions();
            if (chosen) {
              settle(self, query);
              self.addOptions(data.results);
              self.refreshOptions(false);
              return;
            }
            callback(data.results);
          })
          .catch(function () {
            if (ticket !== latest) { settle(self, query); return; }
            callback();
          });
      },
      render: {
        option: function (item, escape) {
          var indent = item.depth ? Math.max(item.depth - 2, 0) : 0;
          var parts = escape(item.text).split(" › ");
          var last = parts.pop();
          var path = parts.length ? '<span class="text-muted small">' + parts.join(" › ") + " › </span>" : "";
          return '<div style="padding-left:' + indent + 'rem">' + path + last + "</div>";
        },
        no_results: function () { return '<div class="no-results">' + (select.dataset.empty || "—") + "</div>"; }
      }
    });
    picker.on("item_add", function () {
      latest++;
      chosen = true;
      if (picker.refreshTimeout) {
        window.clearTimeout(picker.refreshTimeout);
        picker.refreshTimeout = null;
      }
    });
    picker.wrapper.addEventListener("mousedown", function () { chosen = false; }, true);
    picker.control_input.addEventListener("keydown", function () { chosen = false; });
    if (master) {
      master.addEventListener("change", function () {
        picker.clear();
        picker.clearOptions();
        picker.load("");
      });
    }
  });
});
