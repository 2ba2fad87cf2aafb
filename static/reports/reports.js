// Report pages: show only the period fields of the chosen kind; draw the charts from the
// page's JSON (no inline script: the Content-Security-Policy forbids it).
(function () {
  "use strict";

  function showPeriodFields(form) {
    var select = form.querySelector("select[name=periode]");
    if (!select) {
      return;
    }
    var kind = select.value || "bulan";
    form.querySelectorAll("[data-period-for]").forEach(function (field) {
      var kinds = field.getAttribute("data-period-for").split(" ");
      field.hidden = kinds.indexOf(kind) === -1;
    });
  }

  document.querySelectorAll("form[data-period-form]").forEach(function (form) {
    showPeriodFields(form);
    form.addEventListener("change", function (event) {
      if (event.target.name === "periode") {
        showPeriodFields(form);
      }
    });
  });

  var source = document.getElementById("report-chart-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  // Charts appear at once for those who asked the system for less motion.
  if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
    Chart.defaults.animation = false;
  }
  var canvas = document.getElementById("report-chart");
  if (!canvas) {
    return;
  }
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { type: "bar", label: data.bar_label, data: data.bars, backgroundColor: "#0b2545", yAxisID: "y" },
        { type: "line", label: data.line_label, data: data.line, borderColor: "#c9a227", backgroundColor: "#c9a227", yAxisID: "share", spanGaps: true }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        y: { beginAtZero: true, position: "left" },
        share: { beginAtZero: true, max: data.line_max, position: "right", grid: { drawOnChartArea: false } }
      }
    }
  });
})();
