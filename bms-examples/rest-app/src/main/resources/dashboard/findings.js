// The dashboard's findings panel: open anomaly findings grouped by kind, ransomware signals first,
// each linking to its job's page. Loads and refreshes on its own, like the other panels.
(function () {
  "use strict";

  var LIMIT = 200;
  var refreshSeconds = parseInt(document.body.dataset.refreshSeconds, 10) || 15;
  var el = bms.el;

  function label(f) {
    return f.ransomware ? "ransomware suspected" : f.kind.toLowerCase().replace(/_/g, " ");
  }

  // Ransomware first, then critical before warnings, then the larger group.
  function groups(items) {
    var byKey = {};
    var order = [];
    items.forEach(function (f) {
      var key = label(f);
      if (!byKey[key]) {
        byKey[key] = { label: key, ransomware: f.ransomware, severity: f.severity, items: [] };
        order.push(byKey[key]);
      }
      byKey[key].items.push(f);
      if (f.severity === "CRITICAL") { byKey[key].severity = "CRITICAL"; }
    });
    return order.sort(function (a, b) {
      return (b.ransomware - a.ransomware) || ((b.severity === "CRITICAL") - (a.severity === "CRITICAL"))
        || (b.items.length - a.items.length) || (a.label < b.label ? -1 : 1);
    });
  }

  function render(r) {
    var note = document.getElementById("findings-unavailable");
    var body = document.querySelector("#findings tbody");
    if (r.status !== 200) {
      note.hidden = false;
      note.textContent = r.body && r.body.error ? r.body.error.message : "not available (" + r.status + ")";
      return;
    }
    note.hidden = true;
    body.textContent = "";
    var items = r.body.items;
    document.getElementById("findings-total").textContent = items.length + (r.body.nextCursor ? "+" : "");
    groups(items).forEach(function (g) {
      var head = el("tr", null, "finding-group");
      head.dataset.kind = g.label;
      var th = el("th", g.label + " (" + g.items.length + ")", "sev-" + g.severity);
      th.colSpan = 4;
      head.appendChild(th);
      body.appendChild(head);
      g.items.forEach(function (f) {
        var tr = el("tr", null, "finding");
        tr.dataset.kind = f.kind;
        tr.dataset.ransomware = String(f.ransomware);
        var job = el("td");
        var a = el("a", f.jobName || f.jobId);
        a.href = "/jobs/" + encodeURIComponent(f.jobId);
        job.appendChild(a);
        tr.appendChild(job);
        tr.appendChild(el("td", f.explanation));
        tr.appendChild(el("td", f.score.toFixed(1)));
        tr.appendChild(el("td", bms.fmtTime(f.raisedAt)));
        body.appendChild(tr);
      });
    });
    if (items.length === 0) {
      var tr = el("tr");
      var td = el("td", "No open findings.", "hint");
      td.colSpan = 4;
      tr.appendChild(td);
      body.appendChild(tr);
    }
    body.dataset.loaded = "true";
  }

  function refresh() {
    return bms.api("GET", "/api/findings?limit=" + LIMIT).then(render).catch(function () {});
  }

  bms.session().then(refresh);
  setInterval(refresh, refreshSeconds * 1000);
})();
