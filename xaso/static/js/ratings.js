// Progressive enhancement of the satisfaction rating: sends it without leaving the page.
// Without this file the form posts normally and a small page answers.
(function () {
  "use strict";

  function setBusy(form, busy) {
    form.querySelectorAll("input, textarea, button").forEach(function (control) {
      control.disabled = busy;
    });
  }

  function enhance(form) {
    var status = form.querySelector("[data-rating-status]");
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) { return; }
      event.preventDefault();
      var data = new FormData(form);
      setBusy(form, true);
      status.textContent = "";
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (answer) {
          return { status: response.status, answer: answer };
        });
      }).then(function (result) {
        var answer = result.answer || {};
        var text = answer.message || "";
        if (!answer.ok && answer.errors) {
          Object.keys(answer.errors).forEach(function (name) {
            (answer.errors[name] || []).forEach(function (message) { text += " " + message; });
          });
        }
        status.textContent = text;
        status.setAttribute("data-ok", answer.ok ? "true" : "false");
        // Done for today after a rating, or after being told it was already given.
        setBusy(form, Boolean(answer.ok) || result.status === 409);
      }).catch(function () {
        status.textContent = form.getAttribute("data-error-message") || "";
        status.setAttribute("data-ok", "false");
        setBusy(form, false);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-rating-form]").forEach(enhance);
  });
}());
