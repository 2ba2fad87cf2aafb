// Waiting-room display: speaks each new call (text prepared by the server, in Indonesian).
// Browsers allow speech only after a press on the page, unless the TV's browser is started
// to allow it (README: "Waiting-room display"); then `?suara=1` in the address switches sound
// on by itself. If the browser still refuses, the button says so and one press enables it.
(function () {
  "use strict";
  var soundOn = false;
  var lastSpoken = null;
  var button = null;

  function setSound(on, label) {
    soundOn = on;
    if (!button) { return; }
    button.textContent = label || (on ? button.dataset.on : button.dataset.off);
    button.classList.toggle("btn-light", on);
    button.classList.toggle("btn-warning", !on && Boolean(label));
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function announce() {
    var el = document.getElementById("latest-call");
    if (!el) { return; }
    var callId = el.dataset.callId || "";
    // What was called before the page opened is not spoken again; the day's first call is.
    if (lastSpoken === null) { lastSpoken = callId; return; }
    if (!callId || callId === lastSpoken) { return; }
    lastSpoken = callId;
    if (!soundOn || !("speechSynthesis" in window)) { return; }
    var utterance = new SpeechSynthesisUtterance(el.dataset.speech);
    utterance.lang = "id-ID";
    utterance.rate = 0.9;
    utterance.onerror = function (event) {
      if (event.error === "not-allowed" && button) { setSound(false, button.dataset.blocked); }
    };
    window.speechSynthesis.speak(utterance);
  }

  // The running text: copied from the refreshed content only when it changed, so it keeps
  // running; its speed follows its length.
  function updateTicker() {
    var source = document.getElementById("announcement-source");
    var ticker = document.getElementById("ticker");
    var text = document.getElementById("ticker-text");
    if (!source || !ticker || !text) { return; }
    var wanted = source.dataset.text || "";
    if (text.textContent !== wanted) { text.textContent = wanted; }
    ticker.hidden = wanted === "";
    var track = text.parentNode;
    track.style.animationDuration = Math.max(15, Math.round(wanted.length / 4)) + "s";
  }

  // The office clock: the server's time when the page (or its content) arrived, carried
  // forward by the browser's own clock each second, shown in the unit's time zone.
  var offsetMs = 0;
  var timeFormat = null;
  var dateFormat = null;
  var shownDate = null;

  function syncClock(el) {
    var serverMs = el ? Number(el.dataset.epochMs) : NaN;
    if (!isNaN(serverMs)) { offsetMs = serverMs - Date.now(); }
  }

  function tick() {
    var clock = document.getElementById("office-clock");
    if (!clock || !timeFormat) { return; }
    var now = new Date(Date.now() + offsetMs);
    var parts = {};
    timeFormat.formatToParts(now).forEach(function (part) { parts[part.type] = part.value; });
    clock.textContent = parts.hour + "." + parts.minute + "." + parts.second;
    var day = dateFormat.format(now);
    if (shownDate === null) { shownDate = day; }
    if (day !== shownDate) {
      shownDate = day;
      document.getElementById("office-date").textContent = day;
    }
  }

  function startClock() {
    var clock = document.getElementById("office-clock");
    if (!clock || !window.Intl) { return; }
    var zone = clock.dataset.timeZone;
    var lang = clock.dataset.lang || "id-ID";
    timeFormat = new Intl.DateTimeFormat(lang, {
      timeZone: zone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23"
    });
    dateFormat = new Intl.DateTimeFormat(lang, {
      timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric"
    });
    syncClock(clock);
    tick();
    window.setInterval(tick, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    startClock();
    announce();
    updateTicker();
    button = document.getElementById("sound-toggle");
    if (button) {
      button.addEventListener("click", function () { setSound(!soundOn); });
    }
    if (new URLSearchParams(window.location.search).get("suara") === "1") { setSound(true); }
  });
  document.body.addEventListener("htmx:afterSwap", function () {
    syncClock(document.getElementById("server-now"));
    announce();
    updateTicker();
  });
})();
