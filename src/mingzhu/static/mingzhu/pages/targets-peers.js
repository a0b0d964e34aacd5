// The script of targets/peers.html (served from the site: the pages allow no inline script).
mingzhuChart("peer-chart", "peer-data", function (d) {
  return {
    tooltip: {trigger: "axis"},
    xAxis: {type: "category", data: d.units},
    yAxis: {type: "value", name: d.label},
    series: [{name: d.label, type: "bar", data: d.values}]
  };
});
