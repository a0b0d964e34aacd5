// The script of targets/target_detail.html (served from the site: the pages allow no inline script).
mingzhuChart("trajectory", "trajectory-data", function (d) {
  return {
    tooltip: {trigger: "axis"},
    legend: {data: [d.labels.actual, d.labels.required, d.labels.projected, d.labels.target]},
    xAxis: {type: "time"},
    yAxis: {type: "value", name: d.unit, scale: true},
    series: [
      {name: d.labels.actual, type: "line", data: d.actual, symbolSize: 8},
      {name: d.labels.required, type: "line", data: d.required, lineStyle: {type: "dashed"}},
      {name: d.labels.projected, type: "line", data: d.projected, lineStyle: {type: "dotted"}},
      {name: d.labels.target, type: "line", data: [], markLine: {symbol: "none", data: [{yAxis: d.target, name: d.labels.target}]}}
    ]
  };
});
