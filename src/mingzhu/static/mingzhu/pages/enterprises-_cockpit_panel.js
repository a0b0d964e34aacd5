// The script of enterprises/_cockpit_panel.html (served from the site: the pages allow no inline script).
(function () {
  function draw() {
    var node = document.getElementById("mu-pie");
    if (!node || !window.echarts) { return; }
    echarts.init(node).setOption(JSON.parse(document.getElementById("mu-pie-data").textContent));
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
