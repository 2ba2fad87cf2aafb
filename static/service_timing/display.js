// Waiting-room display: speaks each new call (text prepared by the server, in Indonesian)
// once sound is switched on: browsers only allow speech after a button press on the page.
(function () {
  "use strict";
  var soundOn = false;
  var lastSpoken = null;

  function announce() {
    var el = document.getElementById("latest-call");
    if (!el || !el.dataset.callId) { return; }
    if (lastSpoken === null) { lastSpoken = el.dataset.callId; return; }
    if (el.dataset.callId === lastSpoken) { return; }
    lastSpoken = el.dataset.callId;
    if (!soundOn || !("speechSynthesis" in window)) { return; }
    var utterance = new SpeechSynthesisUtterance(el.dataset.speech);
    utterance.lang = "id-ID";
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
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
    var button = document.getElementById("sound-toggle");
    if (button) {
      button.addEventListener("click", function () {
        soundOn = !soundOn;
        button.textContent = soundOn ? button.dataset.on : button.dataset.off;
        button.classList.toggle("btn-light", soundOn);
        button.setAttribute("aria-pressed", soundOn ? "true" : "false");
      });
    }
  });
  document.body.addEventListener("htmx:afterSwap", function () {
    syncClock(document.getElementById("server-now"));
    announce();
  });
})();
