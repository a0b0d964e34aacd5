// Behaviour every page shares, in a file of the site: the Content-Security-Policy allows no
// inline script nor inline event handler.
// A <select data-autosubmit> submits its form when its value changes (language, quarter, year).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
    target.form.submit();
  }
});
