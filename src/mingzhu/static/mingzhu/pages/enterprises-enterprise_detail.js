// The script of enterprises/enterprise_detail.html (served from the site: the pages allow no inline script).
mingzhuChart("radar", "radar-data", function (d) {
  // On a phone's width the indicators' names (全员劳动生产率) stand on two lines of four
  // characters, and the web leaves room for them and the legend below: else they run
  // past the chart's edges and over the legend.
  var narrow = document.getElementById("radar").clientWidth < 500;
  var name = function (text) { return narrow && text.length > 4 ? text.slice(0, 4) + "\n" + text.slice(4) : text; };
  return {
    animation: false, tooltip: {}, legend: {bottom: 0, data: [d.labels.enterprise, d.labels.benchmark]},
    radar: {indicator: d.indicators, radius: narrow ? "58%" : "70%", center: ["50%", "46%"],
            axisName: {formatter: name}},
    series: [{type: "radar", data: [
      {name: d.labels.enterprise, value: d.ratios, areaStyle: {opacity: 0.2}},
      {name: d.labels.benchmark, value: d.benchmark, lineStyle: {type: "dashed"}}
    ]}]
  };
});
