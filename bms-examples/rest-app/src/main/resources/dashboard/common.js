// Shared by the dashboard's pages (loaded before each page's own script): the API call with the
// session cookie and, for changes, the session's CSRF token; elements built from text nodes only;
// times in UTC. No inline script (CSP).
var bms = (function () {
  "use strict";

  var csrfToken = null;

  // Answers {status, body}; a 401 sends the browser to the login page and rejects.
  function api(method, path, body) {
    var headers = { "Accept": "application/json" };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    if (method !== "GET" && csrfToken) { headers["X-CSRF-Token"] = csrfToken; }
    return fetch(path, { method: method, headers: headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body) }).then(function (res) {
      if (res.status === 401) {
        window.location.assign("/login");
        throw new Error("logged out");
      }
      return res.json().then(function (b) { return { status: res.status, body: b }; });
    });
  }

  // The caller's session (name, role); remembers its CSRF token for the changes that follow.
  function session() {
    return api("GET", "/api/session").then(function (s) {
      if (s.status === 200) { csrfToken = s.body.csrfToken || null; }
      return s;
    });
  }

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  // "2026-12-06 04:05 UTC" (with seconds when asked), "–" for none.
  function fmtTime(iso, withSeconds) {
    return iso ? new Date(iso).toISOString().replace("T", " ").substring(0, withSeconds ? 19 : 16) + " UTC" : "–";
  }

  return { api: api, session: session, el: el, fmtTime: fmtTime };
})();
