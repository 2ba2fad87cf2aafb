// Print the ticket at once after registration (the page was opened with ?cetak=1).
(function () {
  "use strict";
  window.addEventListener("load", function () {
    if (document.querySelector("[data-autoprint]")) {
      window.print();
    }
  });
})();
