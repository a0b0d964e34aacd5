// The service worker of the grid worker's report page (served by grid.views.service_worker).
// It keeps the report page and the files it loads, so that the page opens without a network;
// reports made offline wait in IndexedDB (grid-offline-queue.js) and are sent when it is back.
var CACHE = "{{ cache|escapejs }}";
var PRECACHE = {{ precache|safe }};
importScripts("{{ queue_script|escapejs }}");

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(PRECACHE.map(function (url) {
        return fetch(url, { credentials: "same-origin" }).then(function (response) {
          if (response.ok && !response.redirected) { return cache.put(url, response); }
        }).catch(function () {});
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("mingzhu-grid-") === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function fromNetworkKept(request, key) {
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected && response.type === "basic") {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(key || request, copy); });
    }
    return response;
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  var kept = PRECACHE.indexOf(url.pathname) !== -1;
  if (request.mode === "navigate") {
    // Pages: the network first; without one, the kept copy of the report page.
    event.respondWith(
      (kept ? fromNetworkKept(request, url.pathname) : fetch(request)).catch(function () {
        return caches.match(url.pathname).then(function (hit) {
          return hit || caches.match(PRECACHE[0]);
        });
      })
    );
  } else if (kept) {
    // The page's files: the kept copy first (a new release has a new cache).
    event.respondWith(
      caches.match(url.pathname).then(function (hit) { return hit || fromNetworkKept(request, url.pathname); })
    );
  }
});

// Background sync where the browser has it: the queue is sent even with the page closed.
self.addEventListener("sync", function (event) {
  if (event.tag === "grid-reports") { event.waitUntil(MingzhuQueue.flush()); }
});
