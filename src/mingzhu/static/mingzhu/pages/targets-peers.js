// The script of targets/peers.html (served from the site: the pages allow no inline script).
mingzhuChart("peer-chart", "peer-data", function (d) {
  return {
    tooltip: {trigger: "axis"},
    // Every county named under its bar (a handful of peers), the figures and the axis's
    // name inside the chart on a phone's width.
    grid: {left: 10, right: 10, bottom: 10, containLabel: true},
    xAxis: {type: "category", data: d.units, axisLabel: {interval: 0}},
    yAxis: {type: "value", name: d.label, nameTextStyle: {align: "left"}},
    series: [{name: d.label, type: "bar", data: d.values}]
  };
});
