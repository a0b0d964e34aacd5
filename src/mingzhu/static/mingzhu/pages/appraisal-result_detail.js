// The script of appraisal/result_detail.html (served from the site: the pages allow no inline script).
mingzhuChart("score-chart", "score-data", function (data) {
  var colours = {red: "#dc3545", yellow: "#ffc107"};
  return {
    tooltip: {trigger: "axis"},
    grid: {left: 10, right: 10, bottom: 10, containLabel: true},
    xAxis: {type: "category", data: data.names, axisLabel: {rotate: 30}},
    yAxis: {type: "value"},
    series: [{name: data.label, type: "bar", data: data.scores.map(function (v, i) {
      return {value: v, itemStyle: {color: colours[data.flags[i]] || "#0d6efd"}};
    })}]
  };
});
