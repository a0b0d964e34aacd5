// The script of enterprises/results.html (served from the site: the pages allow no inline script).
mingzhuChart("town-chart", "town-chart-data", function (d) {
  var colours = {A: "#198754", B: "#0d6efd", C: "#ffc107", D: "#dc3545", T: "#6c757d"};
  return {
    tooltip: {trigger: "axis"}, legend: {},
    grid: {left: 10, right: 10, bottom: 10, containLabel: true},
    xAxis: {type: "category", data: d.towns, axisLabel: {rotate: 30}},
    yAxis: {type: "value"},
    series: d.series.map(function (s) { return {name: s.name, type: "bar", stack: "all", data: s.data, itemStyle: {color: colours[s.name]}}; })
  };
});
