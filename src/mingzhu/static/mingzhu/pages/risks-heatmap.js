// The risk heat map (risks/_heatmap.html): towns × domains, each cell the hazards' count
// and score. Names come from the database: the tooltip, which ECharts shows as HTML,
// escapes them.
window.mingzhuHeatmapTooltip = function (data, p) {
  var esc = window.mingzhuEscape;
  return esc(data.towns[p.value[1]]) + " · " + esc(data.domains[p.value[0]]) + "<br>" +
    esc(data.count_label) + ": " + esc(p.value[3]) + "<br>" +
    esc(data.score_label) + ": " + esc(p.value[2]);
};

(function () {
  function draw() {
    if (!window.echarts) { return; }
    document.querySelectorAll(".risks-heatmap:not([data-drawn])").forEach(function (node) {
      node.setAttribute("data-drawn", "1");
      var data = JSON.parse(document.getElementById(node.dataset.source).textContent);
      // A scope of one town or two: rows of a usual height, not stretched over the box.
      var fits = 110 + 28 * data.towns.length;
      if (fits < node.offsetHeight) { node.style.height = fits + "px"; }
      echarts.init(node).setOption({
        tooltip: {formatter: function (p) { return window.mingzhuHeatmapTooltip(data, p); }},
        // Room below the rotated domain names for the colour scale and its handles' figures.
        grid: {left: 90, right: 10, top: 10, bottom: 100},
        xAxis: {type: "category", data: data.domains, axisLabel: {rotate: 30}, splitArea: {show: true}},
        yAxis: {type: "category", data: data.towns, splitArea: {show: true}},
        visualMap: {min: 0, max: Math.max(data.max, 1), calculable: true, orient: "horizontal",
          left: "center", bottom: 0, itemHeight: 80, inRange: {color: ["#f7fbff", "#fdae61", "#d7191c"]}},
        series: [{type: "heatmap", data: data.cells, label: {show: true, formatter: function (p) { return p.value[3] || ""; }}}]
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
