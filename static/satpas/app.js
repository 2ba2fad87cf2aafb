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
