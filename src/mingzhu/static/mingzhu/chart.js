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
