// IKM report: one bar chart per SKM element with how many answered 1, 2, 3 and 4.
(function () {
  "use strict";
  var source = document.getElementById("ikm-chart-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var elements = JSON.parse(source.textContent);
  // Charts appear at once for those who asked the system for less motion.
  if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
    Chart.defaults.animation = false;
  }
  var colours = ["#dc3545", "#fd7e14", "#20c997", "#198754"];
  document.querySelectorAll("canvas[data-ikm-element]").forEach(function (canvas) {
    var element = elements[parseInt(canvas.getAttribute("data-ikm-element"), 10)];
    if (!element) {
      return;
    }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: element.answers.map(function (answer, i) { return (i + 1) + " · " + answer; }),
        datasets: [{ data: element.counts, backgroundColor: colours }]
      },
      options: {
        animation: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  });
})();
