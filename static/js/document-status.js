// Printed documents being prepared: asks the server for each pending printout's state, first
// every second and then less often (at most every five seconds), and once it is ready puts the
// download link in place without reloading the page. Without JavaScript the row's "Refresh" link
// reloads the page instead. A printout that failed shows so; a refused poll (the grant withdrawn)
// stops asking. The notice above the list changes from "being prepared" to "ready" (or "could
// not be made") when the last printout being prepared is done.
(function () {
  "use strict";
  var FIRST_WAIT = 1000, LONGEST_WAIT = 5000;

  function showReady(row, state) {
    var link = document.createElement("a");
    link.href = state.download_url;
    link.textContent = state.download_label;
    var cell = row.querySelector("[data-cell=document]");
    cell.textContent = "";
    cell.appendChild(link);
  }

  // The notice above the list says a printout is being prepared; once none is left it says
  // the printout is ready (or that one failed) instead.
  function updateNotice() {
    var notice = document.querySelector("[data-notice=pending]");
    if (!notice || document.querySelector("#documents tr[data-status-url]")) { return; }
    var failed = document.querySelector("#documents tr[data-status=failed]") !== null;
    notice.textContent = failed ? notice.dataset.failedText : notice.dataset.readyText;
    notice.classList.replace("alert-info", failed ? "alert-danger" : "alert-success");
    notice.dataset.notice = failed ? "failed" : "ready";
  }

  function show(row, state) {
    row.querySelector("[data-cell=status]").textContent = state.status_label;
    if (state.status === "ready") { showReady(row, state); }
    row.removeAttribute("data-status-url");
    row.dataset.status = state.status;
    updateNotice();
  }

  function watch(row) {
    var url = row.dataset.statusUrl, wait = FIRST_WAIT;
    function again() {
      wait = Math.min(wait * 1.5, LONGEST_WAIT);
      setTimeout(poll, wait);
    }
    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (response.status >= 400 && response.status < 500) { return null; }
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (state) {
          if (state === null) { return; }
          if (state.status === "pending") { again(); } else { show(row, state); }
        })
        .catch(again);
    }
    setTimeout(poll, wait);
  }

  document.querySelectorAll("#documents tr[data-status-url]").forEach(watch);
})();
