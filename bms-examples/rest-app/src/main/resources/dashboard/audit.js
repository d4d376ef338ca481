// bms dashboard, audit trail page: searches /api/audit (keyset pages, newest first) and verifies the
// hash chain with /api/audit/verify. bms's access policy lets auditors and admins read the trail;
// anyone else sees its 403 message. No inline script (CSP), text nodes only.
(function () {
  "use strict";

  var cursors = [null]; // cursors[i] is the cursor of page i + 1 (null: the first page)
  var page = 0;
  var next = null;
  var latest = 0; // only the newest request's answer is shown

  var el = bms.el;

  function api(path) {
    return bms.api("GET", path);
  }

  function fmtTime(iso) {
    return bms.fmtTime(iso, true);
  }

  function showError(r) {
    var p = document.getElementById("audit-error");
    if (!r) { p.hidden = true; return; }
    var e = (r.body && r.body.error) || {};
    var fields = (e.fields || []).map(function (f) { return f.field + ": " + f.message; }).join("; ");
    p.textContent = (e.message || "request failed") + (fields ? " (" + fields + ")" : "");
    p.hidden = false;
  }

  function value(id) {
    return document.getElementById(id).value.trim();
  }

  function instant(id) {
    var v = value(id);
    return v ? new Date(v).toISOString() : "";
  }

  function query() {
    var params = new URLSearchParams();
    [["q", value("audit-q")], ["actor", value("audit-actor")], ["operation", value("audit-operation")],
      ["from", instant("audit-from")], ["to", instant("audit-to")]].forEach(function (p) {
      if (p[1]) { params.set(p[0], p[1]); }
    });
    params.set("limit", "20");
    if (cursors[page]) { params.set("cursor", cursors[page]); }
    return params.toString();
  }

  function changes(diff) {
    if (!diff || typeof diff !== "object") { return String(diff || ""); }
    return Object.keys(diff).map(function (k) {
      var d = diff[k] || {};
      var from = "from" in d ? JSON.stringify(d.from) : "";
      var to = "to" in d ? JSON.stringify(d.to) : "";
      return k + ": " + (from && to ? from + " → " + to : from ? from + " → (gone)" : to);
    }).join("; ");
  }

  function render(res) {
    var body = document.querySelector("#audit tbody");
    body.textContent = "";
    if (res.status !== 200) {
      showError(res);
      next = null;
      update();
      return;
    }
    showError(null);
    res.body.items.forEach(function (r) {
      var tr = el("tr");
      tr.dataset.sequence = String(r.sequence);
      tr.appendChild(el("td", r.sequence));
      tr.appendChild(el("td", fmtTime(r.at)));
      tr.appendChild(el("td", r.actor.name + " (" + r.actor.kind + " " + r.actor.id + ")"));
      tr.appendChild(el("td", r.operation));
      tr.appendChild(el("td", r.resource.type + " " + r.resource.id));
      tr.appendChild(el("td", r.outcome, "outcome outcome-" + r.outcome));
      tr.appendChild(el("td", r.detail ? r.detail : changes(r.diff), "changes"));
      body.appendChild(tr);
    });
    next = res.body.nextCursor || null;
    update();
  }

  function update() {
    document.getElementById("audit-page").textContent = "page " + (page + 1);
    document.getElementById("audit-newer").disabled = page === 0;
    document.getElementById("audit-older").disabled = !next;
    document.body.dataset.auditPage = String(page + 1);
  }

  function load() {
    var mine = ++latest;
    return api("/api/audit?" + query()).then(function (r) {
      if (mine === latest) { render(r); }
    });
  }

  document.getElementById("audit-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    cursors = [null];
    page = 0;
    load();
  });
  document.getElementById("audit-older").addEventListener("click", function () {
    if (!next) { return; }
    cursors[page + 1] = next;
    page++;
    load();
  });
  document.getElementById("audit-newer").addEventListener("click", function () {
    if (page === 0) { return; }
    page--;
    load();
  });
  document.getElementById("audit-verify").addEventListener("click", function () {
    var out = document.getElementById("audit-verified");
    out.textContent = "verifying…";
    api("/api/audit/verify").then(function (r) {
      if (r.status !== 200) { showError(r); out.textContent = ""; return; }
      var b = r.body;
      out.dataset.intact = String(b.intact);
      out.textContent = b.intact ? "Chain intact: " + b.checked + " record(s) checked."
        : "Chain broken at record " + b.firstBreak.sequence + " (" + b.firstBreak.kind + "): " + b.firstBreak.detail;
      out.className = b.intact ? "hint" : "error";
    });
  });

  api("/api/session").then(function (s) {
    if (s.status === 200) {
      document.getElementById("whoami").textContent = s.body.name + " (" + s.body.role + ")";
    }
  });
  load();
})();
