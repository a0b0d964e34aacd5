// Text from the database as HTML text: what an ECharts formatter function returns is shown
// as HTML (tooltips), so every value it puts in passes through this. (String templates
// such as "{b}: {c}" are escaped by ECharts itself.)
window.mingzhuEscape = function (value) {
  return String(value === undefined || value === null ? "" : value)
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
};

// One chart of a page, drawn with ECharts once the page has loaded: the id of the element that
// holds it, the id of the <script type="application/json"> with its data, and a function from
// that data to the chart's options. Without the element or ECharts, nothing is drawn.
window.mingzhuChart = function (nodeId, dataId, options) {
  document.addEventListener("DOMContentLoaded", function () {
    var node = document.getElementById(nodeId);
    if (!node || !window.echarts) { return; }
    var data = JSON.parse(document.getElementById(dataId).textContent);
    echarts.init(node).setOption(options(data));
  });
};

// The slider of a chart of many periods (the debt wall's months): the chart opens on as many
// periods as its width shows with bars a finger can tell apart (about 24 px each; on a phone
// a year rather than five years of hair-thin bars), and the slider moves along the rest.
window.mingzhuPeriodZoom = function (node, count) {
  var shown = Math.max(6, Math.floor((node.clientWidth || 600) / 24));
  return [count > shown ? {type: "slider", startValue: 0, endValue: shown - 1} : {type: "slider"}];
};

// A reader whose system asks for less motion (prefers-reduced-motion) gets every chart drawn
// at once, without ECharts' opening animation of bars growing and gauges sweeping. ECharts is
// loaded deferred, after this file: its init is wrapped once it is there, before the pages'
// own scripts (which draw on the same event, registered after this one) call it.
document.addEventListener("DOMContentLoaded", function () {
  if (!window.echarts || !window.matchMedia) { return; }
  if (!window.matchMedia("(prefers-reduced-motion: reduce)").matches) { return; }
  if (echarts.init.mingzhuStill) { return; }  // a page that loads this file twice
  var init = echarts.init;
  echarts.init = function () {
    var chart = init.apply(echarts, arguments);
    var setOption = chart.setOption;
    chart.setOption = function (option) {
      var args = Array.prototype.slice.call(arguments);
      if (option && typeof option === "object" && !Array.isArray(option)) {
        args[0] = Object.assign({}, option, {animation: false});
      }
      return setOption.apply(chart, args);
    };
    return chart;
  };
  echarts.init.mingzhuStill = true;
});
