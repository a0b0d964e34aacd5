// The script of targets/_cockpit_panel.html (served from the site: the pages allow no inline script).
(function () {
  function draw() {
    if (!window.echarts) { return; }
    document.querySelectorAll("#targets-panel .targets-gauge").forEach(function (node) {
      echarts.init(node).setOption({series: [{type: "gauge", min: 0, max: 100,
        progress: {show: true, width: 12}, axisLine: {lineStyle: {width: 12}},
        axisTick: {show: false}, splitLine: {show: false}, axisLabel: {show: false},
        pointer: {show: false}, anchor: {show: false},
        detail: {formatter: "{value}%", fontSize: 18, offsetCenter: [0, 0]},
        data: [{value: Number(node.dataset.gauge)}]}]});
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
