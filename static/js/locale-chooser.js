// The language chooser in the navigation bar: choosing a language submits its form at once.
// Without JavaScript the chooser's "Change" button does the same. Loaded in <head> without
// defer and listening on the document, so the chooser works from the moment it is on the page
// (a deferred script would leave it inert until the whole page is parsed).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    if (event.target.id === "locale-chooser") { event.target.form.submit(); }
  });
})();
