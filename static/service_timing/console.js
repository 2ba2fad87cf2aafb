// Counter console: keep the scan field focused; + and - on an empty field pass or fail a
// test; Esc cancels a pending "tidak lulus". A scanner types the ticket code and Enter.
(function () {
  "use strict";

  function field() { return document.getElementById("scan"); }
  function form() { return document.getElementById("console-form"); }

  function submitWith(action) {
    var f = form();
    if (!f) { return; }
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "action";
    input.value = action;
    f.appendChild(input);
    htmx.trigger(f, "submit");
  }

  document.addEventListener("keydown", function (event) {
    var scan = field();
    if (!scan) { return; }
    if (event.key === "Escape") {
      var pending = document.querySelector("[data-pending]");
      if (pending) { pending.remove(); }
      // The fail button goes back to a plain "Tidak lulus" (it asked for confirmation).
      var fail = document.querySelector("[data-testid=btn-fail]");
      if (fail && fail.value === "confirm_fail") {
        fail.value = "fail";
        fail.querySelector("[data-label]").textContent = fail.dataset.idleLabel;
      }
      var message = document.getElementById("console-message");
      if (message) { message.innerHTML = ""; }
      scan.value = "";
      scan.focus();
      return;
    }
    // Alt + a button's access key clicks it, the same in every browser (Firefox would want
    // Alt+Shift): recall, skip, transfer and the counter's state.
    if (event.altKey && !event.ctrlKey && !event.metaKey && /^[a-z]$/i.test(event.key)) {
      var button = document.querySelector('button[accesskey="' + event.key.toLowerCase() + '"]');
      if (button) { event.preventDefault(); button.click(); }
      return;
    }
    var typingElsewhere = event.target !== scan && event.target.matches && event.target.matches("input, textarea, select");
    if (typingElsewhere || scan.value !== "" || event.ctrlKey || event.altKey || event.metaKey) { return; }
    if (event.key === "+") { event.preventDefault(); submitWith("pass"); }
    else if (event.key === "-") { event.preventDefault(); submitWith("fail"); }
  });

  // The field empties as soon as its text is sent, so that the next scan can start at once.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var scan = field();
    if (scan && event.detail.elt === form()) { scan.value = ""; }
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var extra = form() && form().querySelectorAll("input[name=action][type=hidden]");
    if (extra) { extra.forEach(function (el) { el.remove(); }); }
  });
  // The result of each action goes to a live region that stays on the page, so that screen
  // readers announce it (the swapped part is new content, which they do not read out).
  var announcer = document.getElementById("console-announcement");
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (!announcer || !event.detail.target || event.detail.target.id !== "console") { return; }
    var message = document.getElementById("console-message");
    var text = message ? message.textContent.replace(/\s+/g, " ").trim() : "";
    if (!text) { return; }
    // The same words twice in a row (a repeated refusal) are announced again.
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  });
  document.body.addEventListener("htmx:afterSwap", function () {
    var scan = field();
    if (scan && document.activeElement !== scan) { scan.focus(); }
  });

  // Every minute: is the session still alive? A redirect means it ended (logged out
  // elsewhere, expired): say so before the next scan goes nowhere.
  var ping = document.querySelector("[data-ping-url]");
  // Shared counter PCs: an idle session ends on the server (SESSION_IDLE_TIMEOUT); warn a
  // minute before, with a button that counts as activity. Polling does not.
  var idle = document.querySelector("[data-idle-warning]");
  var idleTimer = null;
  function scheduleIdleWarning(secondsLeft) {
    if (!idle || secondsLeft === null || secondsLeft === undefined) { return; }
    window.clearTimeout(idleTimer);
    idle.hidden = true;
    idleTimer = window.setTimeout(function () { idle.hidden = false; }, Math.max(0, secondsLeft - 60) * 1000);
  }
  function checkSession(active) {
    var url = ping.dataset.pingUrl + (active ? "?aktif=1" : "");
    return fetch(url, { credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        ping.hidden = response.status === 200;
        return response.status === 200 ? response.json() : null;
      })
      .then(function (data) { if (data) { scheduleIdleWarning(data.idle_seconds_left); } })
      .catch(function () { ping.hidden = false; });
  }
  if (ping && window.fetch) {
    window.setInterval(function () { checkSession(false); }, 60000);
    if (idle) {
      scheduleIdleWarning(parseInt(idle.dataset.idleSeconds, 10));
      idle.querySelector("[data-stay-signed-in]").addEventListener("click", function () {
        checkSession(true).then(function () { var scan = field(); if (scan) { scan.focus(); } });
      });
      // An action at the counter is activity: the server restarted its count.
      document.body.addEventListener("htmx:afterRequest", function (event) {
        if (event.detail.requestConfig && event.detail.requestConfig.verb === "post") {
          scheduleIdleWarning(parseInt(idle.dataset.idleSeconds, 10));
        }
      });
    }
  }

  // The action buttons stand outside the form (form="console-form"); htmx would submit
  // without their value, so the server guessed an unrelated action: send it explicitly.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[name=action][form=console-form]");
    if (!button || !form()) { return; }
    event.preventDefault();
    submitWith(button.value);
  });

  // A click anywhere that is not a control brings the focus back to the scan field.
  document.addEventListener("click", function (event) {
    var scan = field();
    if (scan && !event.target.closest("a, button, input, select, textarea, summary, label")) {
      scan.focus();
    }
  });
})();
