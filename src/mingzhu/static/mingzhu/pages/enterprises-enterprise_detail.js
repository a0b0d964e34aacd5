// The script of enterprises/enterprise_detail.html (served from the site: the pages allow no inline script).
mingzhuChart("radar", "radar-data", function (d) {
  return {
    animation: false, tooltip: {}, legend: {bottom: 0, data: [d.labels.enterprise, d.labels.benchmark]},
    radar: {indicator: d.indicators},
    series: [{type: "radar", data: [
      {name: d.labels.enterprise, value: d.ratios, areaStyle: {opacity: 0.2}},
      {name: d.labels.benchmark, value: d.benchmark, lineStyle: {type: "dashed"}}
    ]}]
  };
});
