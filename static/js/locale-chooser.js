// The language chooser in the navigation bar: choosing a language submits its form at once.
// Without JavaScript the chooser's "Change" button does the same.
(function () {
  "use strict";
  var chooser = document.getElementById("locale-chooser");
  if (!chooser) { return; }
  chooser.addEventListener("change", function () { chooser.form.submit(); });
})();
