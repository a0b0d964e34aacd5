// The script of grid/report.html (served from the site: the pages allow no inline script).
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("locate");
  if (!navigator.geolocation) { button.hidden = true; return; }
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById("id_latitude").value = pos.coords.latitude.toFixed(6);
      document.getElementById("id_longitude").value = pos.coords.longitude.toFixed(6);
    });
  });
});
