// The script of party/overview.html (served from the site: the pages allow no inline script).
mingzhuChart("coverage-chart", "coverage-chart-data", function (data) {
  return {
    animation: false,
    tooltip: {trigger: "axis"},
    grid: {left: 10, right: 10, bottom: 10, containLabel: true},
    xAxis: {type: "category", data: data.names, axisLabel: {rotate: 30}},
    yAxis: {type: "value", max: 100, axisLabel: {formatter: "{value}%"}},
    series: [{name: data.label, type: "bar", data: data.rates}]
  };
});
