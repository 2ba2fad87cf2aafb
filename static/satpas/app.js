// Satpas: small behaviours without inline script (the Content-Security-Policy forbids it).
(function () {
  "use strict";

  // <form data-autosubmit>: submit when a select changes (language switch, filters).
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosubmit]");
    if (form && event.target.tagName === "SELECT") {
      form.submit();
    }
  });

  // <form data-confirm="…">: ask before a destructive or irreversible action.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);

  // <button data-print>: print the page (tickets, certificates).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
})();

// A table wider than the screen scrolls sideways inside its .table-responsive box: make that
// box reachable by keyboard (Tab, then the arrow keys) and name it after its heading.
(function () {
  "use strict";

  function markScrollable() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-region", "");
        var table = box.querySelector("table");
        var caption = table && table.querySelector("caption");
        var heading = caption || (box.previousElementSibling && /^H[1-6]$/.test(box.previousElementSibling.tagName) ? box.previousElementSibling : null);
        if (heading) {
          if (!heading.id) { heading.id = "scroll-label-" + Math.random().toString(36).slice(2, 9); }
          box.setAttribute("role", "region");
          box.setAttribute("aria-labelledby", heading.id);
        }
      } else if (!scrolls && box.hasAttribute("data-scroll-region")) {
        ["tabindex", "data-scroll-region", "role", "aria-labelledby"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markScrollable);
  } else {
    markScrollable();
  }
  window.addEventListener("resize", markScrollable);
  document.addEventListener("htmx:afterSettle", markScrollable);
})();

// Supervisor alerts: on every page of a user who may receive them (templates/base.html puts
// #alerts there), poll for applicants who turned at risk or overdue and show a toast for each,
// plus a browser notification when the user allowed them. The server works out when each
// application turned; the page only sends back the cursor it was last given.
(function () {
  "use strict";

  var POLL_MS = 20000;
  var SEEN_LIMIT = 300;
  var TOASTS_SHOWN = 5;
  var CURSOR_KEY = "satpas.alerts.cursor"; // per tab: sessionStorage
  var SEEN_KEY = "satpas.alerts.seen"; // across tabs: localStorage, so no alert repeats
  var MUTED_KEY = "satpas.alerts.muted"; // remembered: localStorage

  function read(store, key) {
    try { return window[store].getItem(key); } catch (error) { return null; }
  }
  function write(store, key, value) {
    try {
      if (value === null) { window[store].removeItem(key); } else { window[store].setItem(key, value); }
    } catch (error) { /* storage full or refused: alerts still show, they may repeat */ }
  }

  function start() {
    var box = document.getElementById("alerts");
    if (!box) { return; }
    var url = box.getAttribute("data-alerts-url");
    var muteButton = document.getElementById("alerts-mute");
    var mutedBadge = document.getElementById("alerts-muted-badge");
    var notifyButton = document.getElementById("alerts-notify");
    var timer = null;
    var busy = false;

    function muted() { return read("localStorage", MUTED_KEY) === "1"; }

    function seen() {
      try { return JSON.parse(read("localStorage", SEEN_KEY) || "[]"); } catch (error) { return []; }
    }
    function remember(id) {
      var ids = seen().filter(function (other) { return other !== id; });
      ids.push(id);
      write("localStorage", SEEN_KEY, JSON.stringify(ids.slice(-SEEN_LIMIT)));
    }

    function showToast(alert) {
      var toast = document.createElement("div");
      toast.className = "toast show";
      toast.setAttribute("role", "status");
      toast.setAttribute("aria-atomic", "true");
      toast.setAttribute("data-testid", "alert-" + alert.queue_number);
      toast.setAttribute("data-state", alert.state);
      var header = document.createElement("div");
      header.className = "toast-header " + (alert.state === "overdue" ? "text-bg-danger" : "text-bg-warning");
      var title = document.createElement("strong");
      title.className = "me-auto";
      title.textContent = alert.title;
      var close = document.createElement("button");
      close.type = "button";
      close.className = "btn-close" + (alert.state === "overdue" ? " btn-close-white" : "");
      close.setAttribute("aria-label", box.getAttribute("data-close-label"));
      close.addEventListener("click", function () { toast.remove(); });
      header.appendChild(title);
      header.appendChild(close);
      var body = document.createElement("div");
      body.className = "toast-body";
      var text = document.createElement("p");
      text.className = "mb-1";
      text.textContent = alert.text;
      var link = document.createElement("a");
      link.href = alert.url;
      link.textContent = box.getAttribute("data-open-label") + " " + alert.queue_number;
      body.appendChild(text);
      body.appendChild(link);
      toast.appendChild(header);
      toast.appendChild(body);
      box.appendChild(toast);
      // Only the latest few stay on screen; the board lists them all.
      while (box.children.length > TOASTS_SHOWN) { box.removeChild(box.firstElementChild); }
    }

    function notify(alert) {
      if (!("Notification" in window) || Notification.permission !== "granted") { return; }
      try {
        var note = new Notification(alert.title, { body: alert.text, tag: "satpas-" + alert.id });
        note.onclick = function () { window.focus(); window.location.href = alert.url; };
      } catch (error) { /* some browsers allow notifications only from a service worker */ }
    }

    function poll() {
      if (busy || document.hidden || muted()) { return; }
      busy = true;
      var cursor = read("sessionStorage", CURSOR_KEY);
      var address = url + (cursor ? "?sejak=" + encodeURIComponent(cursor) : "");
      fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (response.status === 400) { write("sessionStorage", CURSOR_KEY, null); }
          var type = response.headers.get("Content-Type") || "";
          // Signed out (the login page) or refused: nothing to show.
          if (!response.ok || type.indexOf("application/json") !== 0) { return null; }
          return response.json();
        })
        .then(function (answer) {
          if (!answer) { return; }
          write("sessionStorage", CURSOR_KEY, answer.cursor);
          var already = seen();
          answer.alerts.forEach(function (alert) {
            if (already.indexOf(alert.id) !== -1) { return; }
            remember(alert.id);
            showToast(alert);
            notify(alert);
          });
        })
        .catch(function () { /* offline for a moment: the next poll asks again */ })
        .then(function () { busy = false; });
    }

    function run() {
      if (timer === null && !document.hidden && !muted()) {
        poll();
        timer = window.setInterval(poll, POLL_MS);
      }
    }
    function stop() {
      if (timer !== null) { window.clearInterval(timer); timer = null; }
    }

    function showMuted() {
      var on = muted();
      if (muteButton) { muteButton.setAttribute("aria-pressed", on ? "true" : "false"); }
      if (mutedBadge) { mutedBadge.hidden = !on; }
    }

    function showPermission() {
      if (!notifyButton) { return; }
      var supported = "Notification" in window;
      var state = supported ? Notification.permission : "unsupported";
      var label = notifyButton.getAttribute("data-" + state);
      if (!notifyButton.hasAttribute("data-default")) {
        notifyButton.setAttribute("data-default", notifyButton.textContent);
      }
      notifyButton.textContent = label || notifyButton.getAttribute("data-default");
      notifyButton.disabled = state !== "default";
    }

    if (muteButton) {
      muteButton.addEventListener("click", function () {
        var on = !muted();
        write("localStorage", MUTED_KEY, on ? "1" : null);
        // While muted nothing is asked; unmuted, alerts start from now, not from the backlog.
        write("sessionStorage", CURSOR_KEY, null);
        showMuted();
        if (on) { stop(); } else { run(); }
      });
    }
    if (notifyButton) {
      notifyButton.addEventListener("click", function () {
        if (!("Notification" in window) || Notification.permission !== "default") { return; }
        var asked = Notification.requestPermission(showPermission);
        if (asked && asked.then) { asked.then(showPermission); }
      });
    }
    // A hidden tab asks nothing; shown again, it catches up at once (the cursor remembers).
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) { stop(); } else { run(); }
    });
    // Muted or unmuted in another tab.
    window.addEventListener("storage", function (event) {
      if (event.key !== MUTED_KEY) { return; }
      write("sessionStorage", CURSOR_KEY, null);
      showMuted();
      if (muted()) { stop(); } else { run(); }
    });

    showMuted();
    showPermission();
    run();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
