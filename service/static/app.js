// Progressive enhancement only: the page works without this file.
(function () {
  var cited = document.getElementById("passage");
  if (cited) { cited.scrollIntoView({block: "center"}); cited.focus({preventScroll: true}); }
})();
