// The script of livelihood/rates.html (served from the site: the pages allow no inline script).
mingzhuChart("rates-chart", "rates-chart-data", function (data) {
  return {
    tooltip: {trigger: "axis"}, grid: {left: 40, right: 10, bottom: 90},
    xAxis: {type: "category", data: data.names, axisLabel: {rotate: 35}},
    yAxis: {type: "value", max: 100},
    series: [{name: data.label, type: "bar", data: data.composite}]
  };
});
