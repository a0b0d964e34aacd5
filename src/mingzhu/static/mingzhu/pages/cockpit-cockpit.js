// The script of cockpit/cockpit.html (served from the site: the pages allow no inline script).
document.addEventListener("DOMContentLoaded", function () {
  if (!window.echarts) { return; }
  var charts = [];
  document.querySelectorAll(".cockpit-chart").forEach(function (node) {
    var data = document.getElementById(node.dataset.chart);
    if (!data) { return; }
    var chart = echarts.init(node);
    chart.setOption(JSON.parse(data.textContent));
    charts.push(chart);
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
});
