// The script of targets/target_detail.html (served from the site: the pages allow no inline script).
mingzhuChart("trajectory", "trajectory-data", function (d) {
  return {
    tooltip: {trigger: "item", formatter: function (p) { return window.mingzhuEscape(p.seriesName + " " + p.value[2] + ": " + p.value[1]); }},
    legend: {data: [d.labels.actual, d.labels.required, d.labels.projected, d.labels.target]},
    // A year axis: the tick "2023" is the value of 2023 (targets.progress.year_position).
    xAxis: {type: "value", scale: true, minInterval: 1, max: function (v) { return Math.max(Math.ceil(v.max), Math.ceil(d.deadline_position)); },
            axisLabel: {formatter: function (v) { return Number.isInteger(v) ? String(v) : ""; }}},
    // The target's line in view whatever the values.
    yAxis: {type: "value", name: d.unit, scale: true,
            max: function (v) { return Math.max(v.max, Number(d.target)); },
            min: function (v) { return Math.min(v.min, Number(d.target)); }},
    series: [
      {name: d.labels.actual, type: "line", data: d.actual, symbolSize: 8},
      {name: d.labels.required, type: "line", data: d.required, lineStyle: {type: "dashed"}},
      {name: d.labels.projected, type: "line", data: d.projected, lineStyle: {type: "dotted"}},
      {name: d.labels.target, type: "line", data: [], markLine: {symbol: "none", data: [{yAxis: d.target, name: d.labels.target}]}}
    ]
  };
});
