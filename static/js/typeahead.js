// Type-ahead for skill fields: fills the shared <datalist id="skill-suggestions"> with proposals
// from the skills taxonomy while the person types. Without JavaScript the fields still work.
// A field with data-separator="," holds a list: the proposals are for the part after the last
// separator, and each option keeps the parts before it, so choosing one completes the list.
(function () {
  "use strict";
  var list = document.getElementById("skill-suggestions");
  if (!list) { return; }
  var url = list.getAttribute("data-url");
  var timer = null;

  function fill(words, before) {
    list.replaceChildren();
    words.forEach(function (word) {
      var option = document.createElement("option");
      option.value = (before || "") + word;
      list.appendChild(option);
    });
  }

  function ask(text, before) {
    fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (words) { fill(words, before); })
      .catch(function () { fill([]); });
  }

  // [the parts before the one being typed, ending in "separator ", the part being typed]
  function split(value, separator) {
    if (!separator) { return ["", value.trim()]; }
    var cut = value.lastIndexOf(separator);
    if (cut < 0) { return ["", value.trim()]; }
    return [value.slice(0, cut).trim() + separator + " ", value.slice(cut + 1).trim()];
  }

  document.querySelectorAll('input[list="skill-suggestions"]').forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var parts = split(input.value, input.getAttribute("data-separator"));
      var text = parts[1];
      if (text.length < 2) { fill([]); return; }
      timer = setTimeout(function () { ask(text, parts[0]); }, 150);
    });
  });
})();
