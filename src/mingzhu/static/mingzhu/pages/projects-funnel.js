// The script of projects/funnel.html (served from the site: the pages allow no inline script).
mingzhuChart("funnel-chart", "funnel-data", function (data) {
  return data;
});
