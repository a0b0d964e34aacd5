// The script of livelihood/hotspots.html (served from the site: the pages allow no inline script).
function hotspotBar(label, names, values) {
  return {
    tooltip: {trigger: "axis"}, grid: {left: 10, right: 10, bottom: 10, containLabel: true},
    xAxis: {type: "category", data: names, axisLabel: {rotate: 30}}, yAxis: {type: "value"},
    series: [{name: label, type: "bar", data: values}]
  };
}
mingzhuChart("category-chart", "hotspot-chart-data", function (data) {
  return hotspotBar(data.label, data.categories, data.category_counts);
});
mingzhuChart("town-chart", "hotspot-chart-data", function (data) {
  return hotspotBar(data.label, data.towns, data.town_counts);
});
