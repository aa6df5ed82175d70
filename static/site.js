/* Koulupolku: small enhancements; every page works without this file. */
(function () {
  "use strict";

  /* Quick exit: the button (a plain link without JavaScript) and Shift pressed
     three times. The page is hidden at once and replaced in the history, so
     Back does not return to it. */
  var exitLink = document.querySelector("[data-quick-exit]");
  if (exitLink) {
    var leave = function (event) {
      if (event) { event.preventDefault(); }
      document.documentElement.className += " exiting";
      document.title = "";
      window.location.replace(exitLink.href);
    };
    exitLink.addEventListener("click", leave);
    var presses = 0, timer = null;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") { presses = 0; return; }
      if (event.repeat) { return; }
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(function () { presses = 0; }, 1500);
      if (presses >= 3) { leave(); }
    });
  }
})();
