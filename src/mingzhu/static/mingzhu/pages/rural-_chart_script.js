// The script of rural/_chart_script.html (served from the site: the pages allow no inline script).
document.addEventListener("DOMContentLoaded", function () {
  if (!window.echarts) { return; }
  document.querySelectorAll(".rural-chart").forEach(function (node) {
    var data = JSON.parse(document.getElementById(node.dataset.source).textContent);
    var series = data.series.map(function (s) {
      var item = {name: s.name, type: "bar", data: s.data};
      if (s.mark !== undefined && s.mark !== null) {
        item.markLine = {symbol: "none", data: [{yAxis: s.mark, name: s.mark_name}], label: {formatter: s.mark_name + " {c}", position: "insideEndTop"}};
      }
      return item;
    });
    echarts.init(node).setOption({
      animation: false,
      tooltip: {trigger: "axis"},
      legend: {data: data.series.map(function (s) { return s.name; })},
      grid: {left: 10, right: 10, bottom: 10, containLabel: true},
      xAxis: {type: "category", data: data.names, axisLabel: {rotate: 30}},
      yAxis: {type: "value", max: 100},
      series: series
    });
  });
});
