// The script of tasks/metrics.html (served from the site: the pages allow no inline script).
mingzhuChart("metrics-chart", "metrics-data", function (data) {
  return {
    tooltip: {trigger: "axis"},
    legend: {data: [data.on_time_label, data.closure_label]},
    // Room at the left for the first unit's name, which its slant carries left of its bar
    // (containLabel keeps only the figures and the names' height inside); a name longer
    // than the room ends in an ellipsis, the tooltip and the table below show it whole.
    grid: {left: 60, right: 10, bottom: 10, containLabel: true},
    xAxis: {type: "category", data: data.units, axisLabel: {rotate: 40, width: 112, overflow: "truncate"}},
    yAxis: {type: "value", max: 100, axisLabel: {formatter: "{value}%"}},
    series: [
      {name: data.on_time_label, type: "bar", data: data.on_time},
      {name: data.closure_label, type: "bar", data: data.closure}
    ]
  };
});
