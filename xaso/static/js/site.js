// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "xaso-text-scale";
  var steps = [0.9, 1, 1.15, 1.3, 1.5];

  function applyScale(index) {
    root.style.setProperty("--text-scale", String(steps[index]));
    try { localStorage.setItem(KEY, String(index)); } catch (e) { /* private mode */ }
  }
  var current = 1;
  try {
    var saved = parseInt(localStorage.getItem(KEY), 10);
    if (saved >= 0 && saved < steps.length) { current = saved; applyScale(current); }
  } catch (e) { /* storage unavailable */ }

  document.addEventListener("DOMContentLoaded", function () {
    var nav = document.querySelector("[data-site-nav]");
    var toggle = nav && nav.querySelector(".site-nav__toggle");
    if (toggle) {
      var setOpen = function (open) {
        nav.classList.toggle("is-open", open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      };
      nav.classList.add("site-nav--collapsible");
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        setOpen(toggle.getAttribute("aria-expanded") !== "true");
      });
      nav.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && nav.classList.contains("is-open")) {
          setOpen(false);
          toggle.focus();
        }
      });
    }
    document.querySelectorAll(".text-size").forEach(function (group) {
      group.hidden = false;
      group.addEventListener("click", function (event) {
        var button = event.target.closest("[data-text-size]");
        if (!button) { return; }
        var delta = parseInt(button.getAttribute("data-text-size"), 10);
        current = delta === 0 ? 1 : Math.max(0, Math.min(steps.length - 1, current + delta));
        applyScale(current);
      });
    });
    document.querySelectorAll(".tool-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
      var list = document.getElementById(input.getAttribute("list"));
      var timer = null;
      var last = "";
      input.addEventListener("input", function () {
        clearTimeout(timer);
        var text = input.value.trim();
        if (text.length < 2 || text === last || !window.fetch) { return; }
        timer = setTimeout(function () {
          last = text;
          fetch(input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text))
            .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
            .then(function (data) {
              list.textContent = "";
              data.suggestions.forEach(function (item) {
                var option = document.createElement("option");
                option.value = item.title;
                list.appendChild(option);
              });
            })
            .catch(function () { /* suggestions are optional */ });
        }, 200);
      });
    });
    var views = document.querySelector("[data-count-url]");
    if (views && window.fetch) {
      fetch(views.getAttribute("data-count-url"), { method: "POST", credentials: "same-origin", keepalive: true })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && typeof data.count === "number") {
            views.textContent = new Intl.NumberFormat("vi-VN").format(data.count);
          }
        })
        .catch(function () { /* the count shown stays as rendered */ });
    }
    var slogan = document.querySelector(".slogan--may-scroll");
    if (slogan) {
      var pause = slogan.querySelector(".slogan__pause");
      slogan.classList.add("slogan--scrolling");
      pause.hidden = false;
      pause.addEventListener("click", function () {
        var paused = slogan.classList.toggle("is-paused");
        pause.setAttribute("aria-pressed", paused ? "true" : "false");
        pause.textContent = pause.getAttribute(paused ? "data-label-play" : "data-label-pause");
      });
    }
  });
})();
