// Live progress of a matching round: asks the server for the round's state every half second,
// moves the progress bar and the stages, and once the round is over puts its summary into the
// page without reloading it. Without JavaScript the page shows the state when it was loaded.
(function () {
  "use strict";
  var root = document.getElementById("round");
  if (!root) { return; }
  var STAGES = ["loading", "solving", "saving", "done"];
  var progress = document.getElementById("round-progress");
  var bar = progress.querySelector(".progress-bar");
  // The stylesheet shows the progress in steps of 5 %; the exact value as the page was loaded.
  bar.style.width = progress.getAttribute("aria-valuenow") + "%";
  if (root.dataset.status === "finished" || root.dataset.status === "failed") { return; }

  function showStages(stage) {
    var current = STAGES.indexOf(stage);
    document.querySelectorAll("#stages [data-stage]").forEach(function (item, index) {
      var look = index < current ? "text-bg-success" : index === current ? "text-bg-primary" : "text-bg-light";
      item.className = "list-inline-item badge " + look;
      if (index === current) { item.setAttribute("aria-current", "step"); } else { item.removeAttribute("aria-current"); }
    });
  }

  function show(state) {
    bar.style.width = state.progress + "%";
    bar.textContent = state.progress + " %";
    progress.setAttribute("aria-valuenow", state.progress);
    document.getElementById("round-stage").textContent = state.stage_label;
    showStages(state.stage);
    root.dataset.status = state.status;
  }

  function showResult() {
    bar.classList.remove("progress-bar-striped", "progress-bar-animated");
    fetch(root.dataset.resultUrl, { headers: { Accept: "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) { document.getElementById("round-result").innerHTML = html; })
      .catch(function () { setTimeout(showResult, 2000); });
  }

  function poll() {
    fetch(root.dataset.statusUrl, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        show(state);
        if (state.status === "finished" || state.status === "failed") { showResult(); }
        else { setTimeout(poll, 500); }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }

  setTimeout(poll, 300);
})();
