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

/* Live results while typing: a short list from /<lang>/search.json under the
   box. The full results page still works without this. */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-live]");
  Array.prototype.forEach.call(forms, function (form) {
    var input = form.querySelector("input[name=q]");
    var out = form.nextElementSibling;
    if (!input || !out || !out.classList.contains("live") || !window.fetch) { return; }
    var timer = null, latest = 0;
    var render = function (data, asked) {
      if (asked !== latest) { return; }
      out.textContent = "";
      if (!data || !data.results || !data.results.length) { return; }
      var list = document.createElement("ul");
      data.results.slice(0, 5).forEach(function (hit) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = hit.url;
        link.textContent = hit.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      out.appendChild(list);
    };
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      var asked = ++latest;
      if (query.length < 2) { out.textContent = ""; return; }
      timer = setTimeout(function () {
        var params = new URLSearchParams(new FormData(form));
        fetch(form.getAttribute("data-live") + "?" + params.toString(),
              { credentials: "omit", cache: "no-store", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) { render(data, asked); })
          .catch(function () { out.textContent = ""; });
      }, 250);
    });
  });
})();

/* Copy the short link; print the handout. Both buttons stay hidden without
   JavaScript, where the link can be selected and the browser can print. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) { return; }
    var said = button.parentNode.querySelector(".copied");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (said) { said.textContent = button.getAttribute("data-copied"); }
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
