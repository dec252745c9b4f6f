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
})();
