// The script of enterprises/rates.html (served from the site: the pages allow no inline script).
mingzhuChart("rates-chart", "rates-chart-data", function (d) {
  return {
    tooltip: {trigger: "axis"}, legend: {},
    grid: {left: 40, right: 10, bottom: 80},
    xAxis: {type: "category", data: d.names, axisLabel: {rotate: 30}},
    yAxis: {type: "value", max: 100, axisLabel: {formatter: "{value}%"}},
    series: d.series.map(function (s) { return {name: s.name, type: "bar", data: s.data}; })
  };
});
