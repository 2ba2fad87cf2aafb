// Kasat Lantas dashboard: Chart.js charts from the page's JSON; a click drills down.
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  // Charts appear at once for those who asked the system for less motion.
  if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
    Chart.defaults.animation = false;
  }
  var navy = "#0b2545", gold = "#c9a227", red = "#b02a37", green = "#198754", grey = "#adb5bd";

  function drill(links) {
    return function (event, elements) {
      if (elements.length && links[elements[0].index]) {
        window.location.href = links[elements[0].index];
      }
    };
  }

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) {
      config.options = Object.assign({ responsive: true, maintainAspectRatio: false }, config.options || {});
      return new Chart(canvas, config);
    }
    return null;
  }

  draw("chart-service", {
    type: "bar",
    data: {
      labels: data.months,
      datasets: [
        { type: "bar", label: data.labels.applications, data: data.applications, backgroundColor: navy, yAxisID: "y" },
        { type: "bar", label: data.labels.breaches, data: data.breaches, backgroundColor: red, yAxisID: "y" },
        { type: "line", label: data.labels.median, data: data.median, borderColor: gold, backgroundColor: gold, yAxisID: "minutes", spanGaps: true },
        { type: "line", label: data.labels.p90, data: data.p90, borderColor: grey, backgroundColor: grey, borderDash: [4, 4], yAxisID: "minutes", spanGaps: true }
      ]
    },
    options: {
      onClick: drill(data.month_links),
      scales: {
        y: { beginAtZero: true, position: "left" },
        minutes: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } }
      }
    }
  });

  draw("chart-compensation", {
    type: "bar",
    data: {
      labels: data.months,
      datasets: [
        { label: data.labels.owed, data: data.owed, backgroundColor: gold },
        { label: data.labels.given, data: data.given, backgroundColor: green }
      ]
    },
    options: { onClick: drill(data.month_links), scales: { y: { beginAtZero: true } } }
  });

  draw("chart-ikm", {
    type: "line",
    data: {
      labels: data.months,
      datasets: [{ label: data.labels.ikm, data: data.ikm, borderColor: navy, backgroundColor: navy, spanGaps: true }]
    },
    options: { scales: { y: { suggestedMin: 60, suggestedMax: 100 } }, plugins: { legend: { display: false } } }
  });

  draw("chart-criteria", {
    type: "bar",
    data: {
      labels: data.criteria,
      datasets: [
        { label: data.labels.punishments, data: data.criteria_punishments, backgroundColor: red },
        { label: data.labels.rewards, data: data.criteria_rewards, backgroundColor: green }
      ]
    },
    options: { indexAxis: "y", onClick: drill(data.criteria_links), scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();
