// The script of livelihood/rates.html (served from the site: the pages allow no inline script).
mingzhuChart("rates-chart", "rates-chart-data", function (data) {
  return {
    // Room at the left for the first unit's name, which its slant carries left of its bar
    // (containLabel keeps only the figures and the names' height inside); a name longer
    // than the room ends in an ellipsis, the tooltip and the table below show it whole.
    tooltip: {trigger: "axis"}, grid: {left: 60, right: 10, bottom: 10, containLabel: true},
    xAxis: {type: "category", data: data.names, axisLabel: {rotate: 35, interval: 0, width: 112, overflow: "truncate"}},
    yAxis: {type: "value", max: 100},
    series: [{name: data.label, type: "bar", data: data.composite}]
  };
});
