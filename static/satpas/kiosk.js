// A kiosk tablet (the exit survey, the renewal ticket): back to the start for the next person,
// after a thank-you (data-reset-seconds) or when a page is left alone (data-idle-seconds).
(function () {
  "use strict";
  var holder = document.querySelector("[data-kiosk-reset]");
  if (!holder) {
    return;
  }
  var target = holder.getAttribute("data-kiosk-reset");
  var reset = function () {
    window.location.replace(target);
  };
  var after = parseInt(holder.getAttribute("data-reset-seconds"), 10);
  if (after > 0) {
    window.setTimeout(reset, after * 1000);
  }
  var idle = parseInt(holder.getAttribute("data-idle-seconds"), 10);
  if (idle > 0) {
    var timer = window.setTimeout(reset, idle * 1000);
    ["input", "change", "click", "keydown", "touchstart", "scroll"].forEach(function (name) {
      document.addEventListener(name, function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(reset, idle * 1000);
      }, { passive: true });
    });
  }
})();
