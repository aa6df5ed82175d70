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
   box. The full results page still works without this. A search with a crisis
   word gets the help-now card first (data.help, the same card as
   templates/_crisis.html), also when nothing else is found. Text only. */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-live]");
  var make = function (tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text) { el.textContent = text; }
    return el;
  };
  var helpCard = function (help, id) {
    var card = make("section", "crisis");
    var title = make("h2", "", help.title);
    title.id = id;
    card.setAttribute("aria-labelledby", id);
    card.appendChild(title);
    card.appendChild(make("p", "", help.text));
    var calls = make("ul", "calls");
    (help.lines || []).forEach(function (line) {
      var call = make("a", "call");
      call.href = "tel:" + line.tel;
      call.appendChild(make("span", "num", line.number));
      if (line.name) { call.appendChild(make("span", "what", line.name)); }
      if (line.note) { call.appendChild(make("span", "when", line.note)); }
      var item = make("li");
      item.appendChild(call);
      calls.appendChild(item);
    });
    card.appendChild(calls);
    var links = make("ul", "links");
    (help.links || []).forEach(function (target) {
      var link = make("a", "", target.title);
      link.href = target.url;
      var item = make("li");
      item.appendChild(link);
      links.appendChild(item);
    });
    if (links.firstChild) { card.appendChild(links); }
    return card;
  };
  Array.prototype.forEach.call(forms, function (form, number) {
    var input = form.querySelector("input[name=q]");
    var out = form.nextElementSibling;
    if (!input || !out || !out.classList.contains("live") || !window.fetch) { return; }
    var timer = null, latest = 0;
    var render = function (data, asked) {
      if (asked !== latest) { return; }
      out.textContent = "";
      if (data && data.help && data.help.title) {
        out.appendChild(helpCard(data.help, "crisis-live-" + number));
      }
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
          .then(function (r) { return r.json(); })  /* a 503 still carries the help card */
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

/* A form sent to #result (calculator, navigator): focus the answer's heading. */
(function () {
  "use strict";
  var target = location.hash === "#result" && document.getElementById("result");
  if (!target) { return; }
  var heading = target.querySelector("h2, legend") || target;
  heading.setAttribute("tabindex", "-1");
  /* after load: the browser's own move to the fragment would take the focus back */
  window.addEventListener("load", function () { heading.focus(); });
})();

/* Safe-browsing page: clear every koulupolku: entry in this browser. */
(function () {
  "use strict";
  var panel = document.querySelector("[data-forget]"), storage = null;
  try { storage = window.localStorage; } catch (e) { return; }
  if (!panel || !storage) { return; }
  Array.prototype.forEach.call(panel.querySelectorAll("[hidden], [data-without-js]"), function (el) {
    el.hidden = !el.hidden;
  });
  panel.querySelector("button").addEventListener("click", function () {
    if (!window.confirm(panel.getAttribute("data-confirm"))) { return; }
    Object.keys(storage).forEach(function (key) {
      if (key.indexOf("koulupolku:") === 0) { storage.removeItem(key); }
    });
    panel.querySelector(".status").textContent = panel.getAttribute("data-done");
  });
})();

/* Self-care programmes: answers and progress kept in this browser only
   (localStorage, one entry a programme). Nothing here sends anything: there is
   no request in this block, and the fields belong to no form. */
(function () {
  "use strict";
  var root = document.querySelector("[data-programme]");
  if (!root) { return; }
  var storeKey = "koulupolku:" + root.getAttribute("data-programme");
  var step = parseInt(root.getAttribute("data-step"), 10) || 0;
  var status = root.querySelector(".saved .status");
  var say = function (text) { if (status) { status.textContent = text; } };
  var blank = function () { return { v: 1, answers: {}, done: [], last: 0 }; };
  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(storeKey + ":probe", "1");
    storage.removeItem(storeKey + ":probe");
  } catch (e) { storage = null; }
  var load = function () {
    if (!storage) { return blank(); }
    try {
      var data = JSON.parse(storage.getItem(storeKey) || "null");
      return data && data.v === 1 && data.answers ? data : blank();
    } catch (e) { return blank(); }
  };
  var state = load();
  var save = function () {
    if (!storage) { return false; }
    try { storage.setItem(storeKey, JSON.stringify(state)); return true; } catch (e) { return false; }
  };

  Array.prototype.forEach.call(root.querySelectorAll("[data-without-js]"), function (el) { el.hidden = true; });
  Array.prototype.forEach.call(root.querySelectorAll("[data-with-js]"), function (el) { el.hidden = !storage; });
  if (!storage) { say(root.getAttribute("data-unsaved")); }

  /* Exercise fields: fill in what was saved, save on every change. */
  var fields = root.querySelectorAll("[data-field]");
  var fill = function () {
    Array.prototype.forEach.call(fields, function (field) {
      var value = state.answers[field.getAttribute("data-field")];
      if (field.type === "checkbox") { field.checked = value === true; }
      else { field.value = typeof value === "string" ? value : ""; }
    });
  };
  fill();
  var remember = function (event) {
    var field = event.target;
    var id = field.getAttribute && field.getAttribute("data-field");
    if (!id) { return; }
    var value = field.type === "checkbox" ? field.checked : field.value;
    if (value === "" || value === false) { delete state.answers[id]; } else { state.answers[id] = value; }
    if (step && saving()) { state.last = step; }
    if (save()) { say(root.getAttribute("data-saved")); }
  };
  root.addEventListener("input", remember);
  root.addEventListener("change", remember);

  /* Progress: the step last opened, and the steps moved on from, but only
     once the visitor has saved an answer in this programme. Reading alone
     leaves no trace for the next person on a shared device. */
  var saving = function () { return Object.keys(state.answers).length > 0; };
  if (step) {
    if (saving()) { state.last = step; save(); }
    Array.prototype.forEach.call(root.querySelectorAll("[data-step-done]"), function (link) {
      link.addEventListener("click", function () {
        if (!saving()) { return; }
        if (state.done.indexOf(step) < 0) { state.done.push(step); }
        save();
      });
    });
  }
  var showProgress = function () {
    Array.prototype.forEach.call(root.querySelectorAll("[data-step-link]"), function (item) {
      var mark = item.querySelector(".visited");
      if (mark) { mark.hidden = state.done.indexOf(parseInt(item.getAttribute("data-step-link"), 10)) < 0; }
    });
    var resume = root.querySelector("[data-continue]");
    var target = state.last && root.querySelector("[data-step-link='" + state.last + "'] a");
    if (resume) {
      resume.hidden = !target;
      if (target) {
        var link = resume.querySelector("a");
        link.href = target.getAttribute("href");
        link.textContent = resume.getAttribute("data-text")
          .replace("{n}", String(state.last)).replace("{title}", target.textContent);
      }
    }
  };
  showProgress();

  /* The printable plan: answers as text, never as HTML. */
  Array.prototype.forEach.call(root.querySelectorAll("[data-answer]"), function (el) {
    var value = state.answers[el.getAttribute("data-answer")];
    if (el.hasAttribute("data-tick")) {
      if (value === true) {
        var note = document.createElement("span");
        note.className = "tick-note";
        note.textContent = " (" + root.getAttribute("data-ticked") + ")";
        el.classList.add("ticked");
        el.appendChild(note);
      }
    } else if (typeof value === "string" && value !== "") {
      el.textContent = value;
      el.classList.add("filled");
    }
  });

  /* Clear: everything this programme stored, after one question. */
  Array.prototype.forEach.call(root.querySelectorAll("[data-clear]"), function (button) {
    if (!storage) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (!window.confirm(root.getAttribute("data-confirm"))) { return; }
      storage.removeItem(storeKey);
      state = blank();
      fill();
      showProgress();
      Array.prototype.forEach.call(root.querySelectorAll("[data-answer]"), function (el) {
        el.classList.remove("ticked", "filled");
        var note = el.querySelector(".tick-note");
        if (note) { el.removeChild(note); }
        if (!el.hasAttribute("data-tick")) { el.textContent = ""; }
      });
      say(root.getAttribute("data-cleared"));
    });
  });
})();
