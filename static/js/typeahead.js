// Type-ahead for skill fields: fills the shared <datalist id="skill-suggestions"> with proposals
// from the skills taxonomy while the person types. Without JavaScript the fields still work.
(function () {
  "use strict";
  var list = document.getElementById("skill-suggestions");
  if (!list) { return; }
  var url = list.getAttribute("data-url");
  var timer = null;

  function fill(words) {
    list.replaceChildren();
    words.forEach(function (word) {
      var option = document.createElement("option");
      option.value = word;
      list.appendChild(option);
    });
  }

  function ask(text) {
    fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(fill)
      .catch(function () { fill([]); });
  }

  document.querySelectorAll('input[list="skill-suggestions"]').forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { fill([]); return; }
      timer = setTimeout(function () { ask(text); }, 150);
    });
  });
})();
