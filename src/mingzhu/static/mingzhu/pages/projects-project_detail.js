// The script of projects/project_detail.html (served from the site: the pages allow no inline script).
mingzhuChart("investment-chart", "investment-data", function (data) {
  return {
    tooltip: {trigger: "axis"},
    legend: {data: data.labels},
    grid: {left: 60, right: 10, bottom: 30},
    xAxis: {type: "category", data: data.months},
    yAxis: {type: "value"},
    series: [
      {name: data.labels[0], type: "bar", data: data.monthly},
      {name: data.labels[1], type: "line", data: data.cumulative},
      {name: data.labels[2], type: "line", data: data.plan, lineStyle: {type: "dashed"}}
    ]
  };
});
