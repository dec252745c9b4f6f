// Enhances portal forms; every rule here is also enforced on the server,
// and the forms work without this script (the "Update the form" buttons).
(function () {
  "use strict";
  var form = document.querySelector("form.portal-form");
  if (!form) return;

  // The buttons that redraw the form on the server are not needed here.
  form.querySelectorAll("button.refresh").forEach(function (b) { b.hidden = true; });

  function valuesOf(name) {
    var out = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      if (el.value) out.push(el.value);
    });
    return out;
  }

  function applyVisibility() {
    form.querySelectorAll("[data-show-field]").forEach(function (box) {
      var wanted = box.getAttribute("data-show-values").split(" ");
      var have = valuesOf(box.getAttribute("data-show-field"));
      var shown = have.some(function (v) { return wanted.indexOf(v) >= 0; });
      // A field inside a hidden one stays hidden.
      var parentBox = box.parentElement && box.parentElement.closest("[data-show-field]");
      if (parentBox && parentBox.hidden) shown = false;
      box.hidden = !shown;
    });
  }

  function applyCascade(select) {
    var sub = document.getElementById(select.getAttribute("data-cascade"));
    if (!sub) return;
    var chosen = select.value;
    sub.querySelectorAll("optgroup").forEach(function (g) {
      var on = !chosen || g.getAttribute("data-institution") === chosen;
      g.disabled = !on;
      g.hidden = !on;
    });
    var current = sub.options[sub.selectedIndex];
    if (current && current.parentElement.tagName === "OPTGROUP" && current.parentElement.disabled) {
      sub.value = "";
    }
  }

  form.addEventListener("change", function (e) {
    if (e.target.hasAttribute && e.target.hasAttribute("data-cascade")) applyCascade(e.target);
    applyVisibility();
  });
  form.querySelectorAll("[data-cascade]").forEach(applyCascade);
  applyVisibility();

  // Bring the error summary into view and focus, so it is announced.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  // Articles that may answer the question, suggested while the summary or
  // description is typed, in the live region beside the form. Without this
  // script the region lists the articles about the request type.
  var box = document.getElementById("suggestions-box");
  var list = document.getElementById("suggestions");
  var typed = form.querySelectorAll(".field-summary input, .field-description textarea");
  if (!box || !list || !typed.length || !window.fetch) return;
  box.hidden = false;
  var hint = document.getElementById("suggestions-hint");
  if (hint) hint.hidden = false;
  var requestType = form.getAttribute("data-request-type") || "";
  var timer = null;
  var asked = "";
  var serial = 0;

  function typedText() {
    var parts = [];
    typed.forEach(function (el) { if (el.value.trim()) parts.push(el.value.trim()); });
    return parts.join(" ").slice(0, 1000);
  }

  function suggest() {
    var q = typedText();
    if (q.length < 3 || q === asked) return;
    asked = q;
    var mine = ++serial;
    fetch("/portal/suggest?q=" + encodeURIComponent(q) + "&rt=" + encodeURIComponent(requestType),
      { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        // An answer to an older question is dropped.
        if (html !== null && mine === serial) list.innerHTML = html;
      })
      .catch(function () {});
  }

  typed.forEach(function (el) {
    el.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 400);
    });
  });

  // Someone who opened a suggestion and left without sending the form was
  // helped by it: the desk counts that (with the page's CSRF token).
  var opened = null;
  var submitted = false;
  var told = false;
  function noteOpened(e) {
    var link = e.target.closest && e.target.closest("a[data-article]");
    if (link) opened = link.getAttribute("data-article");
  }
  list.addEventListener("click", noteOpened);
  list.addEventListener("auxclick", noteOpened);
  form.addEventListener("submit", function () { submitted = true; });
  window.addEventListener("pagehide", function () {
    if (!opened || submitted || told || !navigator.sendBeacon) return;
    told = true;
    var body = new URLSearchParams();
    body.set("_csrf", form.querySelector('input[name="_csrf"]').value);
    body.set("article", opened);
    body.set("request_type", requestType);
    body.set("kind", "not_filed");
    navigator.sendBeacon("/help/deflect", body);
  });
})();
