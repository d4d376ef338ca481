// bms dashboard, approvals page: four-eyes approval requests (/api/approvals, newest first), with
// approve and reject buttons for admins. bms decides: only admins may decide, never their own request.
// No inline script (CSP), text nodes only.
(function () {
  "use strict";

  var role = "viewer";
  var next = null;
  var latest = 0;

  var api = bms.api;
  var el = bms.el;
  var fmtTime = bms.fmtTime;

  function showError(r) {
    var p = document.getElementById("approvals-error");
    if (!r) { p.hidden = true; return; }
    var e = (r.body && r.body.error) || {};
    p.textContent = e.message || "request failed";
    p.hidden = false;
  }

  function decide(a, verb) {
    var text = document.getElementById("approvals-comment").value.trim();
    var body = verb === "approve" ? { comment: text } : { reason: text };
    return api("POST", "/api/approvals/" + encodeURIComponent(a.id) + "/" + verb, body).then(function (r) {
      if (r.status !== 200) { showError(r); return; }
      showError(null);
      var out = document.getElementById("approvals-result");
      out.dataset.status = r.body.status;
      out.textContent = (verb === "approve" ? "Approved: " : "Rejected: ") + r.body.summary
        + (r.body.outcome ? " — the call " + r.body.outcome.toLowerCase() + (r.body.outcomeDetail ? " (" + r.body.outcomeDetail + ")" : "") : "");
      load(false);
    });
  }

  function row(a) {
    var tr = el("tr");
    tr.dataset.approvalId = a.id;
    tr.appendChild(el("td", fmtTime(a.createdAt)));
    tr.appendChild(el("td", a.requester.name + " (" + a.requester.kind + " " + a.requester.id + ")"));
    tr.appendChild(el("td", a.action + " · " + a.operation));
    tr.appendChild(el("td", a.summary));
    tr.appendChild(el("td", fmtTime(a.expiresAt)));
    var status = a.status + (a.decidedBy ? " by " + a.decidedBy.id : "") + (a.outcome ? ", " + a.outcome : "");
    tr.appendChild(el("td", status, "status approval-" + a.status));
    var td = el("td");
    if (a.status === "PENDING" && role === "admin") {
      var approve = el("button", "Approve", "approve");
      approve.type = "button";
      approve.addEventListener("click", function () { approve.disabled = true; decide(a, "approve"); });
      var reject = el("button", "Reject", "reject");
      reject.type = "button";
      reject.addEventListener("click", function () { reject.disabled = true; decide(a, "reject"); });
      td.appendChild(approve);
      td.appendChild(reject);
    }
    tr.appendChild(td);
    return tr;
  }

  function load(more) {
    var mine = ++latest;
    var params = new URLSearchParams();
    params.set("status", document.getElementById("approvals-status").value);
    params.set("limit", "50");
    if (more && next) { params.set("cursor", next); }
    return api("GET", "/api/approvals?" + params.toString()).then(function (r) {
      if (mine !== latest) { return; }
      var body = document.querySelector("#approvals tbody");
      if (!more) { body.textContent = ""; }
      if (r.status !== 200) { showError(r); next = null; return; }
      r.body.items.forEach(function (a) { body.appendChild(row(a)); });
      next = r.body.nextCursor || null;
      document.getElementById("approvals-more").hidden = !next;
      document.body.dataset.loaded = String(mine);
    });
  }

  document.getElementById("approvals-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    load(false);
  });
  document.getElementById("approvals-more").addEventListener("click", function () { load(true); });

  bms.session().then(function (s) {
    if (s.status === 200) {
      role = s.body.role || "viewer";
      document.getElementById("whoami").textContent = s.body.name + " (" + s.body.role + ")";
    }
    load(false);
  });
})();
