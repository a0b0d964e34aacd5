// Behaviour every page shares, in a file of the site: the Content-Security-Policy allows no
// inline script nor inline event handler.
// A <select data-autosubmit> submits its form when its value changes (language, quarter, year).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
    target.form.submit();
  }
});
// A photo's thumbnail (a[data-photo]) opens the photo full size in a dialog; a click on
// the dialog or Escape closes it.
document.addEventListener("click", function (event) {
  var link = event.target && event.target.closest && event.target.closest("a[data-photo]");
  if (!link || typeof HTMLDialogElement === "undefined") {
    return;
  }
  event.preventDefault();
  var dialog = document.getElementById("photo-full");
  if (!dialog) {
    dialog = document.createElement("dialog");
    dialog.id = "photo-full";
    dialog.className = "photo-full";
    dialog.appendChild(document.createElement("img"));
    dialog.addEventListener("click", function () { dialog.close(); });
    document.body.appendChild(dialog);
  }
  var img = dialog.querySelector("img");
  img.src = link.getAttribute("href");
  img.alt = link.getAttribute("title") || "";
  dialog.showModal();
});
// Every chart of the page follows its box when the window changes size (a phone turned
// from portrait to landscape, a window made narrower): ECharts draws at the size its box
// had when it was drawn and keeps it until asked again. Once a frame at most.
(function () {
  var pending = false;
  window.addEventListener("resize", function () {
    if (pending || !window.echarts) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      document.querySelectorAll("[_echarts_instance_]").forEach(function (node) {
        var chart = window.echarts.getInstanceByDom(node);
        if (chart) { chart.resize(); }
      });
    });
  });
})();
