// Applicant's status page: when the self-refresh brings a call to a counter, the live region
// reads it out once (the refreshed part itself is replaced, which screen readers ignore).
(function () {
  "use strict";
  var live = document.getElementById("status-announcement");
  if (!live) {
    return;
  }
  function currentCall() {
    var holder = document.querySelector("#status [data-call]");
    return holder ? holder.textContent.trim() : "";
  }
  var announced = currentCall();
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "status") {
      return;
    }
    var call = currentCall();
    if (call && call !== announced) {
      live.textContent = call;
    }
    announced = call;
  });
})();
