// The script of tasks/metrics.html (served from the site: the pages allow no inline script).
mingzhuChart("metrics-chart", "metrics-data", function (data) {
  return {
    tooltip: {trigger: "axis"},
    legend: {data: [data.on_time_label, data.closure_label]},
    grid: {left: 40, right: 10, bottom: 80},
    xAxis: {type: "category", data: data.units, axisLabel: {rotate: 40}},
    yAxis: {type: "value", max: 100, axisLabel: {formatter: "{value}%"}},
    series: [
      {name: data.on_time_label, type: "bar", data: data.on_time},
      {name: data.closure_label, type: "bar", data: data.closure}
    ]
  };
});
