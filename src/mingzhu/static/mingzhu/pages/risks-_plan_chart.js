// The script of risks/_plan_chart.html (served from the site: the pages allow no inline script).
document.addEventListener("DOMContentLoaded", function () {
  if (!window.echarts) { return; }
  var data = JSON.parse(document.getElementById("plan-data").textContent);
  var series = [
    {name: data.before_label, type: "bar", data: data.before, itemStyle: {color: "#d7191c", opacity: 0.55}},
    {name: data.after_label, type: "bar", data: data.after, itemStyle: {color: "#2c7bb6"}}
  ];
  if (data.capacity.some(function (v) { return v > 0; })) {
    series.push({name: data.capacity_label, type: "line", step: "middle", data: data.capacity});
  }
  var node = document.getElementById("plan-chart");
  echarts.init(node).setOption({
    tooltip: {trigger: "axis"}, legend: {},
    grid: {left: 70, right: 10, bottom: 70},
    xAxis: {type: "category", data: data.months, axisLabel: {rotate: 45}},
    yAxis: {type: "value"}, dataZoom: window.mingzhuPeriodZoom(node, data.months.length), series: series
  });
});
