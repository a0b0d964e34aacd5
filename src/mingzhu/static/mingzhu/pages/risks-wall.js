// The script of risks/wall.html (served from the site: the pages allow no inline script).
document.addEventListener("DOMContentLoaded", function () {
  if (!window.echarts) { return; }
  var data = JSON.parse(document.getElementById("wall-data").textContent);
  var series = data.series.map(function (s) { return {name: s.name, type: "bar", stack: "principal", data: s.data}; });
  series.push({name: data.interest_label, type: "bar", stack: "principal", data: data.interest, itemStyle: {color: "#bbb"}});
  var node = document.getElementById("wall-chart");
  echarts.init(node).setOption({
    tooltip: {trigger: "axis"}, legend: {type: "scroll"},
    grid: {left: 70, right: 10, bottom: 70},
    xAxis: {type: "category", data: data.periods, axisLabel: {rotate: 45}},
    yAxis: {type: "value"}, dataZoom: window.mingzhuPeriodZoom(node, data.periods.length), series: series
  });
});
