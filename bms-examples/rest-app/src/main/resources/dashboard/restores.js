// bms dashboard, restore section: find every version of a file in the catalog, dry-run or start a
// restore of one version (operators and admins), and list recent restores with their progress.
// No inline script (CSP), text nodes only.
(function () {
  "use strict";

  var role = "viewer";

  var api = bms.api;
  var el = bms.el;
  var fmtTime = bms.fmtTime;

  function fmtBytes(n) {
    var units = ["B", "KiB", "MiB", "GiB", "TiB"];
    var i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + " " + units[i];
  }

  function showError(r) {
    var p = document.getElementById("restore-error");
    if (!r) { p.hidden = true; return; }
    p.hidden = false;
    var e = r.body.error || {};
    var fields = (e.fields || []).map(function (f) { return f.field + ": " + f.message; }).join("; ");
    p.textContent = (e.message || "request failed") + (fields ? " (" + fields + ")" : "");
  }

  function request(version) {
    return { restorePoint: version.restorePoint, paths: [version.file.path],
      destination: document.getElementById("restore-destination").value.trim(), onConflict: "KEEP_BOTH" };
  }

  function renderVersions(res) {
    var body = document.querySelector("#versions tbody");
    body.textContent = "";
    if (res.status !== 200) { showError(res); return; }
    showError(null);
    document.getElementById("plan-summary").textContent = res.body.items.length + " version(s)"
      + (res.body.limited ? " (more exist; narrow the search)" : "");
    res.body.items.forEach(function (v) {
      var tr = el("tr");
      tr.appendChild(el("td", v.jobId.substring(0, 8)));
      tr.appendChild(el("td", fmtTime(v.pointCreatedAt)));
      tr.appendChild(el("td", v.file.path));
      tr.appendChild(el("td", fmtBytes(v.file.size)));
      tr.appendChild(el("td", v.copies.join(", ")));
      var td = el("td");
      if (role === "operator" || role === "admin") {
        var plan = el("button", "Dry run", "plan");
        plan.type = "button";
        plan.addEventListener("click", function () {
          api("POST", "/api/restores/plan", request(v)).then(function (r) {
            if (r.status !== 200) { showError(r); return; }
            showError(null);
            var f = r.body.items[0];
            document.getElementById("plan-summary").textContent = "Dry run: " + r.body.files + " file(s), "
              + fmtBytes(r.body.bytesToWrite) + " from copy " + r.body.copyOrder.join(" then ")
              + (f ? "; " + f.path + " would " + f.action.toLowerCase().replace("_", " ") + " as " + f.landsAs : "");
          });
        });
        var go = el("button", "Restore", "restore");
        go.type = "button";
        go.addEventListener("click", function () {
          go.disabled = true;
          api("POST", "/api/restores", request(v)).then(function (r) {
            go.disabled = false;
            if (r.status !== 202) { showError(r); return; }
            showError(null);
            loadRestores();
          });
        });
        td.appendChild(plan);
        td.appendChild(go);
      }
      tr.appendChild(td);
      body.appendChild(tr);
    });
  }

  function loadRestores() {
    return api("GET", "/api/restores?limit=10").then(function (res) {
      var body = document.querySelector("#restores tbody");
      body.textContent = "";
      if (res.status !== 200) { return; }
      var running = false;
      res.body.items.forEach(function (r) {
        var tr = el("tr");
        tr.dataset.restoreId = r.id;
        tr.appendChild(el("td", fmtTime(r.startedAt)));
        tr.appendChild(el("td", r.requestedBy));
        tr.appendChild(el("td", r.status, "status status-" + r.status));
        tr.appendChild(el("td", r.filesRestored + " of " + r.filesPlanned
          + (r.filesSkipped ? ", " + r.filesSkipped + " skipped" : "") + (r.filesFailed ? ", " + r.filesFailed + " failed" : "")));
        tr.appendChild(el("td", fmtBytes(r.bytesRestored)));
        tr.appendChild(el("td", r.destination));
        body.appendChild(tr);
        running = running || r.status === "RUNNING";
      });
      if (running) { window.setTimeout(loadRestores, 1000); }
    });
  }

  document.getElementById("find-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = document.getElementById("find-path").value.trim();
    var byName = document.getElementById("find-by-name").checked;
    api("GET", "/api/catalog/search?" + (byName ? "name=" : "path=") + encodeURIComponent(text) + "&limit=50")
      .then(renderVersions);
  });

  bms.session().then(function (s) {
    role = s.body.role || "viewer";
    loadRestores();
  });
})();
