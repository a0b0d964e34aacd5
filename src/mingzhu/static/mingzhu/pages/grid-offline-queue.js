// Reports kept on the phone while it has no network (IndexedDB "mingzhu-grid", store
// "reports", one entry per report under the key the phone made for it), and their sending.
// Loaded by the report page (grid-offline.js) and by the service worker (background sync).
(function (root) {
  "use strict";
  var DB = "mingzhu-grid";
  var STORE = "reports";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = root.indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "uuid" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var request = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(request ? request.result : undefined); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function add(entry) { return run("readwrite", function (store) { return store.put(entry); }); }
  function remove(uuid) { return run("readwrite", function (store) { return store.delete(uuid); }); }
  function all() {
    return run("readonly", function (store) { return store.getAll(); }).then(function (entries) {
      return (entries || []).sort(function (a, b) { return a.saved_at < b.saved_at ? -1 : 1; });
    });
  }

  // Sends one report: true when the server has it (filed now or before), false when the
  // network is still away; a refusal is written on the entry, which stays to be looked at.
  function send(entry) {
    var body = new FormData();
    entry.fields.forEach(function (pair) {
      if (pair[1] instanceof Blob) { body.append(pair[0], pair[1], pair[1].name || "photo.jpg"); }
      else { body.append(pair[0], pair[1]); }
    });
    body.set("client_uuid", entry.uuid);
    return fetch(entry.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": entry.csrf, "Accept": "application/json" }
    }).then(function (response) {
      if (response.status === 200 || response.status === 201) {
        return remove(entry.uuid).then(function () { return true; });
      }
      if (response.type === "opaqueredirect") { return false; }  // signed out: after login
      var reason = "HTTP " + response.status;
      return response.json().catch(function () { return {}; }).then(function (data) {
        entry.error = data.errors ? JSON.stringify(data.errors) : reason;
        return add(entry).then(function () { return true; });
      });
    }, function () { return false; });
  }

  // Sends every waiting report once, one at a time; the page and the service worker share
  // a lock so that they never send the same report at the same time.
  function flush() {
    var work = function () {
      return all().then(function (entries) {
        var todo = entries.filter(function (entry) { return !entry.error; });
        return todo.reduce(function (previous, entry) {
          return previous.then(function (online) { return online ? send(entry) : false; });
        }, Promise.resolve(true));
      });
    };
    var locks = root.navigator && root.navigator.locks;
    return locks ? locks.request("mingzhu-grid-reports", work) : work();
  }

  root.MingzhuQueue = { add: add, all: all, remove: remove, flush: flush };
})(typeof self !== "undefined" ? self : window);
