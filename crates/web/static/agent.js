// Keyboard shortcuts for staff (listed at /shortcuts). Only an enhancement:
// every action they reach is a link or a form control on the page. Keys
// typed into a field are left alone.
(function () {
  'use strict';
  var focusOn = function (selector) {
    var el = document.querySelector(selector);
    if (!el) return false;
    el.focus();
    if (el.scrollIntoView) el.scrollIntoView({ block: 'center' });
    return true;
  };
  var go = function (path) { window.location.assign(path); return true; };
  // The reply box, with public reply or internal note chosen.
  var write = function (visibility) {
    var choice = document.getElementById('vis-' + visibility);
    if (choice) choice.checked = true;
    return focusOn('#f-body');
  };
  var click = function (selector) {
    var el = document.querySelector(selector);
    if (!el) return false;
    el.click();
    return true;
  };
  // The queue as last listed (its ticket links in order), so a ticket page
  // knows which one comes next.
  var QUEUE = 'atbalsts-queue';
  var rows = document.querySelectorAll('table a[href^="/tickets/"]');
  if (/^\/tickets\/?$/.test(window.location.pathname) && rows.length) {
    var keys = [];
    rows.forEach(function (a) { keys.push(a.getAttribute('href')); });
    try { window.sessionStorage.setItem(QUEUE, JSON.stringify(keys)); } catch (err) { /* storage off */ }
  }
  var next = function () {
    var keys = [];
    try { keys = JSON.parse(window.sessionStorage.getItem(QUEUE) || '[]'); } catch (err) { keys = []; }
    var at = keys.indexOf(window.location.pathname);
    if (at >= 0 && at + 1 < keys.length) return go(keys[at + 1]);
    return go('/tickets');
  };
  var pendingG = false;
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var done = false;
    if (pendingG) {
      pendingG = false;
      if (e.key === 'l') done = go('/tickets');
      else if (e.key === 'n') done = go('/tickets/new');
      else if (e.key === 'a') done = go('/tickets?view=assigned');
      else if (e.key === 'u') done = go('/tickets?view=unassigned');
    } else if (e.key === 'g') {
      pendingG = true;
      done = true;
    } else if (e.key === 'c') {
      done = focusOn('#f-body');
    } else if (e.key === 'r') {
      done = write('public');
    } else if (e.key === 'n') {
      done = write('internal');
    } else if (e.key === 'i') {
      done = click('#assign-me');
    } else if (e.key === 'j') {
      done = document.getElementById('ticket-status') ? next() : false;
    } else if (e.key === 's') {
      done = focusOn('#f-to');
    } else if (e.key === 'a') {
      done = focusOn('#f-assignee');
    } else if (e.key === 'm') {
      done = focusOn('#f-macro');
    } else if (e.key === '/') {
      done = focusOn('#f-q') || go('/search');
    } else if (e.key === '?') {
      done = go('/shortcuts');
    }
    if (done) e.preventDefault();
  });
})();

// The queue's bulk actions show once a ticket is ticked (without a script
// they are always there).
(function () {
  'use strict';
  var form = document.getElementById('bulk');
  var bulk = form && form.querySelector('[data-bulk]');
  if (!bulk) return;
  var boxes = form.querySelectorAll('input[type=checkbox][name=ticket]');
  var allBox = document.querySelector('#select-all');
  var update = function () {
    var any = false, every = true;
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked) any = true; else every = false;
    }
    bulk.hidden = !any;
    if (allBox) allBox.checked = every;
  };
  form.addEventListener('change', update);
  // "Select all" only works with the script, so only the script shows it.
  var all = document.querySelector('[data-select-all]');
  if (all && allBox) {
    all.hidden = false;
    allBox.addEventListener('change', function () {
      for (var i = 0; i < boxes.length; i++) boxes[i].checked = allBox.checked;
      update();
    });
  }
  update();
})();

// Escape closes an open header menu and returns focus to its button.
(function () {
  'use strict';
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    var open = document.querySelector('header details.menu[open]');
    if (!open) return;
    open.removeAttribute('open');
    open.querySelector('summary').focus();
  });
})();
