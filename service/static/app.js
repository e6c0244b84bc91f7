// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Document page: bring the cited passage to the middle of the screen and move focus to it,
  // so the next Tab continues from the passage and screen readers start there.
  var cited = document.getElementById("passage");
  if (cited && (location.hash === "#passage" || location.hash === "")) {
    cited.scrollIntoView({block: "center"});
    cited.focus({preventScroll: true});
  }
  // Error summary: move focus to it so it is announced and the links are next.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  // Ask form: show that the search is running and stop double submissions.
  var forms = document.querySelectorAll("form.ask");
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("submit", function (ev) {
      if (form.getAttribute("data-busy")) { ev.preventDefault(); return; }
      form.setAttribute("data-busy", "1");
      var button = form.querySelector("button[type=submit]");
      if (button) { button.setAttribute("aria-disabled", "true"); button.textContent = "Searching…"; }
      form.setAttribute("aria-busy", "true");
    });
  });
  // Back/forward cache: a page restored from it must not stay "Searching…".
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(forms, function (form) {
      form.removeAttribute("data-busy"); form.removeAttribute("aria-busy");
      var button = form.querySelector("button[type=submit]");
      if (button && button.getAttribute("aria-disabled")) { button.removeAttribute("aria-disabled"); button.textContent = "Ask"; }
    });
  });
})();
