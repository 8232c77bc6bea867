// Optional niceties; the report reads the same without them. No inline handlers: listeners only.
(function () {
  "use strict";
  var controls = document.getElementById("controls");
  if (!controls) {
    return;
  }
  controls.hidden = false;
  controls.querySelectorAll("input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
    });
  });
  var filter = document.getElementById("holder-filter");
  filter.addEventListener("change", function () {
    document.querySelectorAll(".claim-item").forEach(function (item) {
      var kinds = (item.getAttribute("data-kinds") || "").split(" ");
      item.hidden = filter.value !== "" && kinds.indexOf(filter.value) < 0;
    });
  });
  var technique = document.getElementById("technique-filter");
  var category = document.getElementById("category-filter");
  function filterTechniques() {
    document.querySelectorAll(".tq, .technique-item").forEach(function (item) {
      var off = (technique.value !== "" && item.getAttribute("data-technique") !== technique.value) ||
        (category.value !== "" && item.getAttribute("data-category") !== category.value);
      item.classList.toggle("tq-off", off);
    });
  }
  technique.addEventListener("change", filterTechniques);
  category.addEventListener("change", filterTechniques);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".claim-item[hidden]").forEach(function (item) {
      item.hidden = false;
    });
    filter.value = "";
  });
})();
