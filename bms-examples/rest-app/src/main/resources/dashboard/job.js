// The job page: the job's name and its anomaly findings (explanation, score, time, state), with a
// resolve button for operators. Text nodes only; no inline script (CSP).
(function () {
  "use strict";

  var PAGE = 50;
  var api = bms.api;
  var el = bms.el;
  var fmtTime = bms.fmtTime;
  var role = "viewer";
  var jobId = decodeURIComponent(window.location.pathname.split("/").pop());
  var cursor = null;

  function say(id, text, error) {
    var p = document.getElementById(id);
    p.hidden = !text;
    p.textContent = text || "";
    if (error !== undefined) { p.className = error ? "error" : "hint"; }
  }

  function resolve(f, button) {
    var reason = document.getElementById("resolve-reason").value.trim();
    if (!reason) {
      say("findings-result", "Say what you found and did before resolving.", true);
      return;
    }
    button.disabled = true;
    api("POST", "/api/alerts/" + encodeURIComponent(f.alertId) + "/resolve", { reason: reason }).then(function (r) {
      if (r.status === 202) {
        say("findings-result", "Held for approval: request " + r.body.approvalRequired.id
          + " waits for another admin (" + r.body.approvalRequired.action + ").", false);
      } else if (r.status === 200) {
        say("findings-result", "Resolved " + f.title + ".", false);
      } else {
        say("findings-result", r.body.error ? r.body.error.message : "resolve failed (" + r.status + ")", true);
      }
      load(false);
    });
  }

  function row(f) {
    var tr = el("tr");
    tr.dataset.alertId = f.alertId;
    tr.dataset.kind = f.kind;
    tr.dataset.state = f.state;
    tr.appendChild(el("td", fmtTime(f.raisedAt)));
    tr.appendChild(el("td", f.severity, "sev-" + f.severity));
    tr.appendChild(el("td", f.ransomware ? "ransomware suspected" : f.kind.toLowerCase().replace(/_/g, " ")));
    tr.appendChild(el("td", f.score.toFixed(1), "score"));
    tr.appendChild(el("td", f.explanation, "explanation"));
    tr.appendChild(el("td", f.executionId.substring(0, 8), "execution"));
    tr.appendChild(el("td", f.state.toLowerCase() + (f.resolvedAt ? " " + fmtTime(f.resolvedAt) : ""), "state"));
    var td = el("td");
    if (f.state !== "RESOLVED" && (role === "operator" || role === "admin")) {
      var b = el("button", "Resolve", "resolve");
      b.type = "button";
      b.addEventListener("click", function () { resolve(f, b); });
      td.appendChild(b);
    }
    tr.appendChild(td);
    return tr;
  }

  // Loads the first page again, or (more) the next one.
  function load(more) {
    var body = document.querySelector("#job-findings tbody");
    if (!more) { cursor = null; }
    var path = "/api/jobs/" + encodeURIComponent(jobId) + "/findings?limit=" + PAGE
      + (more && cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
    return api("GET", path).then(function (r) {
      if (r.status !== 200) {
        say("findings-unavailable", r.body.error ? r.body.error.message : "not available (" + r.status + ")");
        return;
      }
      say("findings-unavailable", null);
      if (!more) { body.textContent = ""; }
      r.body.items.forEach(function (f) { body.appendChild(row(f)); });
      if (!more && r.body.items.length === 0) {
        var tr = el("tr");
        var td = el("td", "No findings: every judged execution was within the job's baseline.", "hint");
        td.colSpan = 8;
        tr.appendChild(td);
        body.appendChild(tr);
      }
      cursor = r.body.nextCursor || null;
      document.getElementById("findings-more").hidden = !cursor;
      body.dataset.loaded = "true";
    });
  }

  document.getElementById("findings-more").addEventListener("click", function () { load(true); });
  document.getElementById("findings-form").addEventListener("submit", function (ev) { ev.preventDefault(); });

  bms.session().then(function (s) {
    role = s.body.role;
    document.getElementById("whoami").textContent = s.body.name + " (" + s.body.role + ")";
    return api("GET", "/api/jobs/" + encodeURIComponent(jobId));
  }).then(function (r) {
    if (r.status !== 200) {
      say("job-error", r.body.error ? r.body.error.message : "no such job");
      return;
    }
    var job = r.body.job || r.body;
    document.getElementById("job-name").textContent = job.name;
    document.title = "bms job " + job.name;
    document.getElementById("job-description").textContent = job.description || "";
    return load(false);
  });
})();
