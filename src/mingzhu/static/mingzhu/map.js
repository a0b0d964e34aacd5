// The map of a list page (core/includes/map.html, core/maps.py): the page's rows that have
// coordinates, as markers linking to their pages, on the configured tile service.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.L) { return; }
  var points = JSON.parse(document.getElementById("map-points").textContent);
  var map = L.map(element);
  L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution, maxZoom: 18 }).addTo(map);
  var markers = points.map(function (point) {
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.label;
    return L.marker([point.lat, point.lng], { title: point.label }).bindPopup(link).addTo(map);
  });
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 15 });
  } else {
    map.setView([32.24, 119.82], 11);  // the city's centre (扬中)
    element.title = element.dataset.empty;
  }
  element.dataset.markers = markers.length;
});
