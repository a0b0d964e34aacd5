// The script of enterprises/rates.html (served from the site: the pages allow no inline script).
mingzhuChart("rates-chart", "rates-chart-data", function (d) {
  return {
    tooltip: {trigger: "axis"}, legend: {},
    // Room at the left for the first unit's name, which its slant carries left of its bar
    // (containLabel keeps only the figures and the names' height inside); a name longer
    // than the room ends in an ellipsis, the tooltip and the table below show it whole.
    grid: {left: 60, right: 10, bottom: 10, containLabel: true},
    xAxis: {type: "category", data: d.names, axisLabel: {rotate: 30, interval: 0, width: 112, overflow: "truncate"}},
    yAxis: {type: "value", max: 100, axisLabel: {formatter: "{value}%"}},
    series: d.series.map(function (s) { return {name: s.name, type: "bar", data: s.data}; })
  };
});
