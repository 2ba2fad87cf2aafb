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

  document.addEventListener("DOMContentLoaded", function () {
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
  document.body.addEventListener("htmx:afterSwap", announce);
})();
