// The script of cockpit/cockpit.html (served from the site: the pages allow no inline script).
document.addEventListener("DOMContentLoaded", function () {
  if (!window.echarts) { return; }
  // Redrawn at a new window size by site.js, with every chart of the page.
  document.querySelectorAll(".cockpit-chart").forEach(function (node) {
    var data = document.getElementById(node.dataset.chart);
    if (!data) { return; }
    echarts.init(node).setOption(JSON.parse(data.textContent));
  });
});
