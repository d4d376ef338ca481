// bms dashboard: fetches the REST API with the session cookie, draws charts with the bundled uPlot,
// refreshes itself. No inline script (CSP), no innerHTML with data (text nodes only).
(function () {
  "use strict";

  var refreshSeconds = parseInt(document.body.dataset.refreshSeconds, 10) || 15;
  var role = "viewer";
  var charts = {};
  var STATUS_ORDER = ["SUCCEEDED", "PARTIAL", "FAILED", "NEVER_RUN", "OTHER"];
  var STATUS_COLORS = ["#2e7d32", "#ef6c00", "#c62828", "#9ca3af", "#6b7280"];
  var JOBS_PAGE = 100;
  var ALERTS_PAGE = 100;

  var api = bms.api;
  var el = bms.el;
  var fmtTime = bms.fmtTime;

  function width(container) {
    return Math.max(280, container.clientWidth - 4);
  }

  function draw(id, opts, data, points) {
    var container = document.getElementById(id);
    if (charts[id]) { charts[id].destroy(); }
    opts.width = width(container);
    opts.height = 220;
    opts.hooks = { draw: [function () {
      container.dataset.rendered = "true";
      container.dataset.points = String(points);
    }] };
    charts[id] = new uPlot(opts, data, container);
  }

  // An axis as wide as its longest label (10,000 jobs need more room than 10), so nothing is clipped.
  function fitSize(u, values) {
    var longest = (values || []).reduce(function (n, v) { return Math.max(n, String(v).length); }, 2);
    return 16 + 7 * longest;
  }

  function barOpts(labels, series) {
    return {
      legend: { show: series.length > 1 },
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: function (u, min, max) { return [0, Math.max(1, max) * 1.15]; } } },
      axes: [
        { values: function (u, splits) { return splits.map(function (i) { return Number.isInteger(i) && labels[i] !== undefined ? labels[i] : ""; }); },
          splits: function () { return labels.map(function (_, i) { return i; }); }, size: 40 },
        { size: fitSize }
      ],
      // The legend names the bar under the cursor rather than its x position.
      series: [{ label: "", value: function (u, v) { return v === null || v === undefined ? "" : labels[Math.round(v)] || ""; } }]
        .concat(series)
    };
  }

  // One series per status, each in its colour (failures red), holding only its own bar.
  function renderStatus(stats) {
    var counts = STATUS_ORDER.map(function (s) { return stats.jobsByLastStatus[s] || 0; });
    var xs = STATUS_ORDER.map(function (_, i) { return i; });
    var labels = ["ok", "partial", "failed", "never", "other"];
    var bars = uPlot.paths.bars({ size: [0.6, 60] });
    var series = STATUS_ORDER.map(function (s, k) {
      return { label: labels[k], paths: bars, points: { show: false }, fill: STATUS_COLORS[k], stroke: STATUS_COLORS[k] };
    });
    var opts = barOpts(labels, series);
    opts.legend = { show: false };
    var data = [xs].concat(STATUS_ORDER.map(function (_, k) {
      return counts.map(function (n, i) { return i === k ? n : null; });
    }));
    draw("chart-status", opts, data, counts.reduce(function (a, b) { return a + b; }, 0));
    var chart = document.getElementById("chart-status");
    chart.dataset.failedColor = STATUS_COLORS[2];
    chart.dataset.counts = counts.join(",");
    document.getElementById("card-jobs").textContent = String(stats.jobs);
    document.getElementById("card-failing").textContent = String((stats.jobsByLastStatus.FAILED || 0) + (stats.jobsByLastStatus.PARTIAL || 0));
    var firing = Object.keys(stats.firingAlerts).reduce(function (n, k) { return n + stats.firingAlerts[k]; }, 0);
    document.getElementById("card-alerts").textContent = String(firing);
  }

  function renderSuccess(stats) {
    var xs = [], rates = [], finished = 0;
    stats.successByDay.forEach(function (d) {
      xs.push(Date.parse(d.day) / 1000);
      rates.push(d.successRate === undefined ? null : d.successRate);
      finished += d.finished;
    });
    var opts = {
      legend: { show: false },
      scales: { x: { time: true }, y: { range: [0, 100] } },
      axes: [{}, { size: fitSize }],
      series: [{}, { label: "success %", stroke: "#1565c0", width: 2, fill: "rgba(21,101,192,0.08)", spanGaps: true,
        points: { show: true, size: 6 } }]
    };
    draw("chart-success", opts, [xs, rates], rates.filter(function (r) { return r !== null; }).length);
    var last = stats.successByDay[stats.successByDay.length - 1];
    document.getElementById("card-rate").textContent = last && last.successRate !== undefined ? last.successRate + " %" : "–";
    document.getElementById("chart-success").dataset.executions = String(finished);
  }

  // Grouped bars: per digit, jobs passing, failing and unknown side by side. uPlot shares one x array
  // between series, so each series gets its own offset slots and nulls elsewhere.
  var VERDICTS = [
    { key: "pass", offset: -0.25, fill: "rgba(46,125,50,0.65)", stroke: "#2e7d32" },
    { key: "fail", offset: 0, fill: "rgba(198,40,40,0.65)", stroke: "#c62828" },
    { key: "unknown", offset: 0.25, fill: "rgba(156,163,175,0.75)", stroke: "#6b7280" }
  ];

  function renderCompliance(res) {
    var note = document.getElementById("compliance-unavailable");
    var container = document.getElementById("chart-compliance");
    if (res.status !== 200) {
      note.hidden = false;
      note.textContent = res.body.error ? res.body.error.message : "compliance is not available";
      return;
    }
    note.hidden = true;
    var digits = res.body.digits;
    var labels = digits.map(function (d) { return d.rule; });
    var xs = [];
    var values = VERDICTS.map(function () { return []; });
    var totals = { pass: 0, fail: 0, unknown: 0 };
    digits.forEach(function (d, i) {
      VERDICTS.forEach(function (v, k) {
        xs.push(i + v.offset);
        values.forEach(function (series, j) { series.push(j === k ? d[v.key] : null); });
        totals[v.key] += d[v.key];
      });
    });
    var bars = uPlot.paths.bars({ size: [0.9, 40] });
    var opts = barOpts(labels, VERDICTS.map(function (v) {
      return { label: v.key, paths: bars, points: { show: false }, fill: v.fill, stroke: v.stroke };
    }));
    container.dataset.pass = String(totals.pass);
    container.dataset.fail = String(totals.fail);
    container.dataset.unknown = String(totals.unknown);
    document.getElementById("card-compliant").textContent = res.body.compliant + " / " + res.body.jobs;
    draw("chart-compliance", opts, [xs].concat(values), digits.length);
  }

  function renderAlerts(res) {
    var body = document.querySelector("#alerts tbody");
    body.textContent = "";
    if (!unavailable("alerts-list-unavailable", res)) { return; }
    var alerts = res.body.items;
    document.getElementById("alerts-shown").textContent = String(alerts.length);
    alerts.forEach(function (a) {
      var tr = el("tr");
      tr.dataset.alertId = a.id;
      tr.dataset.state = a.state;
      tr.appendChild(el("td", a.severity, "sev-" + a.severity));
      tr.appendChild(el("td", a.jobName || ""));
      var title = el("td", a.title);
      title.title = a.detail;
      tr.appendChild(title);
      tr.appendChild(el("td", fmtTime(a.firstSeen) + (a.count > 1 ? " (×" + a.count + ")" : "")));
      var td = el("td");
      if (a.state === "ACKNOWLEDGED") {
        td.appendChild(el("span", "acknowledged by " + a.acknowledgedBy, "acked"));
      } else if (role === "operator" || role === "admin") {
        var b = el("button", "Acknowledge", "ack");
        b.type = "button";
        b.addEventListener("click", function () {
          b.disabled = true;
          api("POST", "/api/alerts/" + encodeURIComponent(a.id) + "/ack").then(function (r) {
            if (r.status !== 200) { showError(r.body.error ? r.body.error.message : "acknowledge failed"); }
            refresh();
          });
        });
        td.appendChild(b);
      }
      tr.appendChild(td);
      body.appendChild(tr);
    });
  }

  // Alerts per rule and severity, critical first: every open alert counted, not only the listed page.
  function renderAlertGroups(res) {
    var body = document.querySelector("#alert-groups tbody");
    if (!unavailable("alerts-unavailable", res)) { return; }
    body.textContent = "";
    res.body.items.forEach(function (g) {
      var tr = el("tr");
      tr.dataset.severity = g.severity;
      tr.appendChild(el("td", g.severity, "sev-" + g.severity));
      tr.appendChild(el("td", g.rule));
      tr.appendChild(el("td", g.firing));
      tr.appendChild(el("td", g.acknowledged));
      body.appendChild(tr);
    });
    document.getElementById("alerts-total").textContent = String(res.body.total);
  }

  // Shows a panel's error instead of its data; true when the response can be rendered.
  function unavailable(noteId, res) {
    var note = document.getElementById(noteId);
    if (res.status === 200) {
      note.hidden = true;
      return true;
    }
    note.hidden = false;
    note.textContent = res.body && res.body.error ? res.body.error.message : "not available (" + res.status + ")";
    return false;
  }

  var jobsCursors = [null]; // the cursor of each page shown so far; the last is the current page's

  function jobsPath() {
    var cursor = jobsCursors[jobsCursors.length - 1];
    return "/api/jobs?limit=" + JOBS_PAGE + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
  }

  function renderJobs(res) {
    if (!unavailable("jobs-unavailable", res)) { return; }
    var body = document.querySelector("#jobs tbody");
    body.textContent = "";
    var first = (jobsCursors.length - 1) * JOBS_PAGE;
    document.getElementById("jobs-range").textContent = res.body.items.length === 0 ? "0"
      : (first + 1) + "–" + (first + res.body.items.length);
    var next = document.getElementById("jobs-next");
    next.hidden = !res.body.nextCursor;
    next.dataset.cursor = res.body.nextCursor || "";
    document.getElementById("jobs-previous").hidden = jobsCursors.length === 1;
    res.body.items.forEach(function (o) {
      var tr = el("tr");
      var name = el("td");
      var link = el("a", o.job.name);
      link.href = "/jobs/" + encodeURIComponent(o.job.id); // the job page: its findings
      name.appendChild(link);
      tr.appendChild(name);
      var labels = el("td");
      Object.keys(o.job.labels).sort().forEach(function (k) { labels.appendChild(el("span", k + "=" + o.job.labels[k], "label-chip")); });
      tr.appendChild(labels);
      tr.appendChild(el("td", o.job.enabled ? "yes" : "no"));
      var status = o.lastExecution ? o.lastExecution.status : "never run";
      tr.appendChild(el("td", status, "status status-" + status));
      tr.appendChild(el("td", o.lastExecution ? fmtTime(o.lastExecution.finishedAt) : "–"));
      tr.appendChild(el("td", fmtTime(o.lastSuccessAt)));
      body.appendChild(tr);
    });
  }

  function showError(message) {
    var p = document.getElementById("load-error");
    p.hidden = !message;
    p.textContent = message || "";
  }

  function renderStats(res) {
    if (!unavailable("stats-unavailable", res)) { return; }
    renderStatus(res.body);
    renderSuccess(res.body);
    document.getElementById("jobs-total").textContent = String(res.body.jobs);
  }

  // Each panel asks for its own data and draws it as soon as it arrives: a slow or failing request
  // leaves the others on screen (its panel says why).
  function panel(path, render) {
    return api("GET", path).then(render).catch(function (e) {
      if (e.message !== "logged out") { showError("could not load " + path.split("?")[0] + ": " + e.message); }
    });
  }

  function refreshJobs() {
    return panel(jobsPath(), renderJobs);
  }

  function refresh() {
    showError(null);
    return Promise.all([
      panel("/api/stats?days=14", renderStats),
      refreshJobs(),
      panel("/api/alerts/groups", renderAlertGroups),
      panel("/api/alerts?limit=" + ALERTS_PAGE, renderAlerts),
      panel("/api/compliance/summary", renderCompliance)
    ]).then(function () {
      var updated = document.getElementById("updated");
      updated.dataset.refreshes = String(parseInt(updated.dataset.refreshes, 10) + 1);
      updated.textContent = "updated " + new Date().toLocaleTimeString() + ", every " + refreshSeconds + " s";
    });
  }

  document.getElementById("jobs-next").addEventListener("click", function (ev) {
    jobsCursors.push(ev.target.dataset.cursor);
    refreshJobs();
  });
  document.getElementById("jobs-previous").addEventListener("click", function () {
    if (jobsCursors.length > 1) { jobsCursors.pop(); }
    refreshJobs();
  });

  document.getElementById("logout").addEventListener("click", function () {
    api("POST", "/logout").catch(function () {}).then(function () { window.location.assign("/login"); });
  });

  bms.session().then(function (s) {
    role = s.body.role;
    document.getElementById("whoami").textContent = s.body.name + " (" + s.body.role + ")";
    return refresh();
  });
  setInterval(refresh, refreshSeconds * 1000);
})();
