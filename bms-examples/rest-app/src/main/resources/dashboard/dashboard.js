// bms dashboard: fetches the REST API with the session cookie, draws charts with the bundled uPlot,
// refreshes itself. No inline script (CSP), no innerHTML with data (text nodes only).
(function () {
  "use strict";

  var refreshSeconds = parseInt(document.body.dataset.refreshSeconds, 10) || 15;
  var csrfToken = null;
  var role = "viewer";
  var charts = {};
  var STATUS_ORDER = ["SUCCEEDED", "PARTIAL", "FAILED", "NEVER_RUN", "OTHER"];
  var STATUS_COLORS = ["#2e7d32", "#ef6c00", "#c62828", "#1565c0", "#9ca3af", "#6b7280"];

  function api(method, path) {
    var headers = { "Accept": "application/json" };
    if (method !== "GET" && csrfToken) {
      headers["X-CSRF-Token"] = csrfToken;
    }
    return fetch(path, { method: method, headers: headers, credentials: "same-origin" }).then(function (res) {
      if (res.status === 401) {
        window.location.assign("/login");
        throw new Error("logged out");
      }
      return res.json().then(function (body) { return { status: res.status, body: body }; });
    });
  }

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function fmtTime(iso) {
    if (!iso) { return "–"; }
    var d = new Date(iso);
    return d.toISOString().replace("T", " ").substring(0, 16) + " UTC";
  }

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

  function barOpts(labels, series) {
    return {
      legend: { show: series.length > 1 },
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: function (u, min, max) { return [0, Math.max(1, max) * 1.15]; } } },
      axes: [
        { values: function (u, splits) { return splits.map(function (i) { return Number.isInteger(i) && labels[i] !== undefined ? labels[i] : ""; }); },
          splits: function () { return labels.map(function (_, i) { return i; }); }, size: 40 },
        { size: 40 }
      ],
      // The legend names the bar under the cursor rather than its x position.
      series: [{ label: "", value: function (u, v) { return v === null || v === undefined ? "" : labels[Math.round(v)] || ""; } }]
        .concat(series)
    };
  }

  function renderStatus(stats) {
    var counts = STATUS_ORDER.map(function (s) { return stats.jobsByLastStatus[s] || 0; });
    var xs = STATUS_ORDER.map(function (_, i) { return i; });
    var labels = ["ok", "partial", "failed", "never", "other"];
    var bars = uPlot.paths.bars({ size: [0.6, 60] });
    var opts = barOpts(labels, [{ label: "jobs", paths: bars, points: { show: false },
      fill: "rgba(46,125,50,0.55)", stroke: "#2e7d32" }]);
    draw("chart-status", opts, [xs, counts], counts.reduce(function (a, b) { return a + b; }, 0));
    document.getElementById("card-jobs").textContent = String(stats.jobs);
    document.getElementById("card-failing").textContent = String((stats.jobsByLastStatus.FAILED || 0) + (stats.jobsByLastStatus.PARTIAL || 0));
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
      axes: [{}, { size: 40 }],
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
    var note = document.getElementById("alerts-unavailable");
    var body = document.querySelector("#alerts tbody");
    body.textContent = "";
    if (res.status !== 200) {
      note.hidden = false;
      note.textContent = res.body.error ? res.body.error.message : "alerts are not available";
      document.getElementById("card-alerts").textContent = "–";
      return;
    }
    note.hidden = true;
    var alerts = res.body.items;
    document.getElementById("card-alerts").textContent =
      String(alerts.filter(function (a) { return a.state === "FIRING"; }).length);
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

  function renderJobs(res) {
    var body = document.querySelector("#jobs tbody");
    body.textContent = "";
    res.body.items.forEach(function (o) {
      var tr = el("tr");
      tr.appendChild(el("td", o.job.name));
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

  function refresh() {
    return Promise.all([
      api("GET", "/api/stats?days=14"),
      api("GET", "/api/jobs?limit=100"),
      api("GET", "/api/alerts?limit=100"),
      api("GET", "/api/compliance")
    ]).then(function (r) {
      if (r[0].status !== 200 || r[1].status !== 200) {
        showError((r[0].body.error || r[1].body.error).message);
        return;
      }
      showError(null);
      renderStatus(r[0].body);
      renderSuccess(r[0].body);
      renderJobs(r[1]);
      renderAlerts(r[2]);
      renderCompliance(r[3]);
      var updated = document.getElementById("updated");
      updated.dataset.refreshes = String(parseInt(updated.dataset.refreshes, 10) + 1);
      updated.textContent = "updated " + new Date().toLocaleTimeString() + ", every " + refreshSeconds + " s";
    }).catch(function (e) {
      if (e.message !== "logged out") { showError("could not load: " + e.message); }
    });
  }

  document.getElementById("logout").addEventListener("click", function () {
    api("POST", "/logout").catch(function () {}).then(function () { window.location.assign("/login"); });
  });

  api("GET", "/api/session").then(function (s) {
    csrfToken = s.body.csrfToken || null;
    role = s.body.role;
    document.getElementById("whoami").textContent = s.body.name + " (" + s.body.role + ")";
    return refresh();
  });
  setInterval(refresh, refreshSeconds * 1000);
})();
