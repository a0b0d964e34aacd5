// The script of grid/_chart_script.html (served from the site: the pages allow no inline script).
document.addEventListener("DOMContentLoaded", function () {
  if (!window.echarts) { return; }
  document.querySelectorAll(".grid-chart").forEach(function (node) {
    var data = JSON.parse(document.getElementById(node.dataset.source).textContent);
    echarts.init(node).setOption({
      tooltip: {trigger: "axis"},
      legend: {data: [data.on_time_label, data.closure_label, data.rework_label]},
      grid: {left: 10, right: 10, bottom: 10, containLabel: true},
      xAxis: {type: "category", data: data.names, axisLabel: {rotate: 30}},
      yAxis: {type: "value", max: 100, axisLabel: {formatter: "{value}%"}},
      series: [
        {name: data.on_time_label, type: "bar", data: data.on_time},
        {name: data.closure_label, type: "bar", data: data.closure},
        {name: data.rework_label, type: "bar", data: data.rework}
      ]
    });
  });
});
