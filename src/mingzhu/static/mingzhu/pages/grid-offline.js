// The report page without a network (grid/report.html): registers the service worker,
// gives each report a key of its own, keeps a report made offline (its fields, photos and
// location) in IndexedDB (grid-offline-queue.js), sends the waiting ones when the network
// is back and shows what is waiting.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var form = document.getElementById("report-form");
  var panel = document.getElementById("pending");
  if (!form || !panel || !window.indexedDB || !window.MingzhuQueue) { return; }
  var queue = window.MingzhuQueue;
  var key = form.querySelector("[name=client_uuid]");

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  if (key && !key.value) { key.value = newKey(); }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(form.dataset.serviceWorker)
      .catch(function () {});
  }

  function chosen(name) {
    var field = form.elements[name];
    if (!field) { return ""; }
    if (field.tagName === "SELECT") { return field.selectedIndex > 0 ? field.options[field.selectedIndex].text : ""; }
    return field.value || "";
  }

  function show() {
    return queue.all().then(function (entries) {
      panel.hidden = entries.length === 0;
      panel.querySelector("[data-count]").textContent = entries.length;
      var list = panel.querySelector("ul");
      list.replaceChildren();
      entries.forEach(function (entry) {
        var item = document.createElement("li");
        item.className = "list-group-item small";
        item.textContent = entry.saved_at.slice(0, 16).replace("T", " ") + " · " + entry.summary +
          (entry.photos ? " · " + entry.photos + " " + panel.dataset.photosLabel : "");
        if (entry.error) {
          var problem = document.createElement("div");
          problem.className = "text-danger";
          problem.textContent = panel.dataset.refusedLabel + " " + entry.error;
          var drop = document.createElement("button");
          drop.type = "button";
          drop.className = "btn btn-sm btn-outline-danger mt-1";
          drop.textContent = panel.dataset.discardLabel;
          drop.addEventListener("click", function () { queue.remove(entry.uuid).then(show); });
          item.append(problem, drop);
        }
        list.append(item);
      });
    });
  }

  function flush() {
    if (!navigator.onLine) { return show(); }
    return queue.flush().then(show, show);
  }

  form.addEventListener("submit", function (event) {
    if (navigator.onLine) { return; }  // online: the form is sent as usual
    event.preventDefault();
    if (!form.reportValidity()) { return; }
    var fields = [];
    var photos = 0;
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "form_token" || name === "client_uuid") { return; }
      if (value instanceof File) {
        if (!value.size) { return; }
        photos += 1;
      }
      fields.push([name, value]);
    });
    var entry = {
      uuid: key.value,
      url: form.dataset.syncUrl,
      csrf: form.elements.csrfmiddlewaretoken.value,
      fields: fields,
      photos: photos,
      summary: [chosen("grid"), chosen("category"), chosen("description").slice(0, 40)].filter(Boolean).join(" · "),
      saved_at: new Date().toISOString()
    };
    queue.add(entry).then(function () {
      form.reset();
      key.value = newKey();
      if (navigator.serviceWorker && navigator.serviceWorker.ready && window.SyncManager) {
        navigator.serviceWorker.ready.then(function (reg) { return reg.sync.register("grid-reports"); })
          .catch(function () {});
      }
      return show();
    }).then(function () { panel.scrollIntoView({ block: "start" }); });
  });

  window.addEventListener("online", flush);
  flush();
});
