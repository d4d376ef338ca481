package dev.bms.examples.rest;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

/**
 * Every route, its role and its handler. Endpoints need an API key (or the dashboard's session),
 * except the login page, static assets and the two probes. The roles shown are bms's decision
 * ({@code RoleAccessPolicy}, asked with the caller's actor, see {@link Callers}) for every endpoint
 * that calls bms; the app checks a role itself only for the dry run of a restore and its own pages.
 *
 * <pre>
 * GET    /api/jobs                               viewer    keyset pages of jobs with their latest execution
 * GET    /api/jobs/{id}                          viewer    a job and its newest executions
 * POST   /api/jobs                               admin     create a job (400 names each bad field)
 * PUT    /api/jobs/{id}                          admin     replace its definition (If-Match: version)
 * DELETE /api/jobs/{id}                          admin     delete it and its history
 * POST   /api/jobs/{id}/enable|disable           admin     let the scheduler fire it, or stop it
 * POST   /api/jobs/{id}/run                      operator  run a managed job now, answer when done
 * POST   /api/jobs/{id}/runs                     operator  start a run, answer at once (202)
 * POST   /api/jobs/{id}/reported-executions      operator  another tool began a backup (answers its report token)
 * GET    /api/executions                         viewer    keyset pages of executions, newest first
 * GET    /api/executions/{id}                    viewer    one execution, with progress while it runs
 * POST   /api/executions/{id}/cancel             operator  cancel a pending or running run
 * POST   /api/executions/{id}/verify             operator  checksum or restore-test its copies
 * POST   /api/executions/{id}/heartbeat|complete|fail  operator  a reported backup's progress and outcome,
 *                                                          with its token in X-Execution-Token (else 403)
 * GET    /api/restore-points/{id}/files          viewer    the catalog of a restore point, paged, by prefix
 * GET    /api/catalog/search                     viewer    every version of a file across restore points
 * POST   /api/restores/plan                      operator  dry run of a restore
 * POST   /api/restores                           operator  start a restore (202)
 * GET    /api/restores, /api/restores/{id}       viewer    restores, one restore with its progress
 * POST   /api/restores/{id}/cancel               operator  cancel a running restore
 * GET    /api/jobs/{id}/rto                      viewer    measured time to restore its newest restore point
 * GET    /api/alerts                             viewer    keyset pages of alerts (open ones by default)
 * GET    /api/alerts/groups                      viewer    the same alerts counted per rule and severity
 * POST   /api/alerts/{id}/ack                    operator  acknowledge an alert
 * POST   /api/alerts/{id}/resolve                operator  resolve a finding's alert ({"reason"}); a ransomware
 *                                                          signal's is held for a second admin (202) under four-eyes
 * GET    /api/findings                           viewer    keyset pages of anomaly findings (open ones by default)
 * GET    /api/jobs/{id}/findings                 viewer    one job's findings, every state by default
 * GET    /jobs/{id}                              viewer    the job page: its findings, resolve buttons for operators
 * GET    /api/reports/{kind}                     viewer    reports as JSON, CSV or HTML
 * GET    /api/compliance                         viewer    3-2-1-1-0 verdicts per job and per digit
 * GET    /api/compliance/summary                 viewer    the counts per digit alone (the dashboard's panel)
 * GET    /api/stats                              viewer    what the dashboard charts
 * GET    /metrics                                viewer    Prometheus exposition
 * GET    /health                                 viewer    storage (and Redis) health in detail
 * GET    /health/live, /health/ready             none      liveness and readiness probes
 * GET    /api/audit                              auditor   bms's audit trail: q, actor, operation, from, to, cursor
 * GET    /api/audit/verify                       auditor   recompute its hash chain (admins may too)
 * GET    /dashboard                              viewer    the dashboard (browsers log in at /login)
 * GET    /audit                                  viewer    the audit trail page (its data: auditors, admins)
 * GET    /api/approvals, /api/approvals/{id}     viewer    four-eyes approval requests (pending by default)
 * POST   /api/approvals/{id}/approve|reject      admin     decide a request (another admin than its requester)
 * GET    /approvals                              viewer    the approvals page (buttons for admins)
 * GET    /raw/stats|compliance|compliance/summary|alerts|reports/success-rate  viewer  with --raw-endpoints=true
 *                                                          only: the same
 *                                                          data read with plain JDBC (load-test baseline)
 * </pre>
 */
final class Routes {
  private Routes() {
  }

  static void register(RoutesConfig routes, AppConfig config, BmsRuntime runtime) {
    SessionStore sessions = new SessionStore(System::currentTimeMillis);
    Authenticator authenticator = new Authenticator(config.apiKeys(), sessions);
    AccessControl access = new AccessControl(authenticator, new TokenBuckets(config.rateLimit(), System::nanoTime),
        runtime.bms);
    HttpMetrics metrics = new HttpMetrics(runtime.registry);
    SecurityHeaders headers = new SecurityHeaders();
    PathPolicy paths = new PathPolicy(config.allowedRoots());

    routes.before(ctx -> {
      headers.handle(ctx);
      metrics.start(ctx);
    });
    routes.after(metrics::stop);
    ErrorResponses.register(routes);

    Secured secured = new Secured(access);
    jobs(routes, secured, runtime, paths);
    executions(routes, secured, runtime);
    restores(routes, secured, runtime, paths);
    runtime.raw.ifPresent(raw -> raw(routes, secured, raw));

    AlertsHandler alerts = new AlertsHandler();
    ReportsHandler reports = new ReportsHandler(runtime.clock);
    ComplianceHandler compliance = new ComplianceHandler();
    StatsHandler stats = new StatsHandler(runtime.clock);
    HealthHandler health = new HealthHandler(runtime.bms, runtime.redis, runtime.storageDescription);
    ProbesHandler probes = new ProbesHandler(runtime.bms);
    DashboardHandler dashboard = new DashboardHandler(config.refreshSeconds(), authenticator, sessions, access);
    routes.get("/api/alerts", secured.as("/api/alerts", Role.VIEWER, alerts::list));
    routes.get("/api/alerts/groups", secured.as("/api/alerts/groups", Role.VIEWER, alerts::groups));
    routes.post("/api/alerts/{id}/ack", secured.byBms("/api/alerts/{id}/ack", alerts::acknowledge));
    FindingsHandler findings = new FindingsHandler();
    routes.post("/api/alerts/{id}/resolve", secured.byBms("/api/alerts/{id}/resolve", findings::resolve));
    routes.get("/api/findings", secured.as("/api/findings", Role.VIEWER, findings::list));
    routes.get("/api/jobs/{id}/findings", secured.as("/api/jobs/{id}/findings", Role.VIEWER, findings::ofJob));
    routes.get("/api/reports/{kind}", secured.as("/api/reports/{kind}", Role.VIEWER, reports::get));
    routes.get("/api/compliance", secured.as("/api/compliance", Role.VIEWER, compliance::get));
    routes.get("/api/compliance/summary", secured.as("/api/compliance/summary", Role.VIEWER, compliance::summary));
    routes.get("/api/stats", secured.as("/api/stats", Role.VIEWER, stats::get));
    routes.get("/api/session", secured.as("/api/session", Role.VIEWER, dashboard::session));
    routes.get("/metrics", secured.as("/metrics", Role.VIEWER, ctx -> ctx
        .contentType("text/plain; version=0.0.4; charset=utf-8").result(runtime.registry.scrape())));
    routes.get("/health", secured.as("/health", Role.VIEWER, health::get));
    routes.get("/health/live", Secured.open("/health/live", probes::live));
    routes.get("/health/ready", Secured.open("/health/ready", probes::ready));
    routes.get("/dashboard", secured.as("/dashboard", Role.VIEWER, dashboard::dashboard));
    AuditHandler audit = new AuditHandler(runtime.clock);
    routes.get("/api/audit", secured.byBms("/api/audit", audit::search));
    routes.get("/api/audit/verify", secured.byBms("/api/audit/verify", audit::verify));
    routes.get("/audit", secured.as("/audit", Role.VIEWER, dashboard::audit));
    ApprovalsHandler approvals = new ApprovalsHandler();
    routes.get("/api/approvals", secured.byBms("/api/approvals", approvals::list));
    routes.get("/api/approvals/{id}", secured.byBms("/api/approvals/{id}", approvals::get));
    routes.post("/api/approvals/{id}/approve", secured.byBms("/api/approvals/{id}/approve", approvals::approve));
    routes.post("/api/approvals/{id}/reject", secured.byBms("/api/approvals/{id}/reject", approvals::reject));
    routes.get("/approvals", secured.as("/approvals", Role.VIEWER, dashboard::approvals));
    routes.get("/jobs/{id}", secured.as("/jobs/{id}", Role.VIEWER, dashboard::job));
    routes.post("/logout", secured.as("/logout", Role.VIEWER, dashboard::logout));
    routes.get("/login", Secured.open("/login", dashboard::loginForm));
    routes.post("/login", Secured.open("/login", dashboard::login));
    routes.get("/assets/{name}", Secured.open("/assets/{name}", dashboard::asset));
    routes.get("/", Secured.open("/", ctx -> ctx.header("Location", "/dashboard").status(303)));
  }

  private static void jobs(RoutesConfig routes, Secured secured, BmsRuntime runtime, PathPolicy paths) {
    JobsHandler jobs = new JobsHandler(paths);
    JobActionsHandler actions = new JobActionsHandler();
    ReportedHandler reported = new ReportedHandler();
    routes.get("/api/jobs", secured.as("/api/jobs", Role.VIEWER, jobs::list));
    routes.post("/api/jobs", secured.byBms("/api/jobs", jobs::create));
    routes.get("/api/jobs/{id}", secured.as("/api/jobs/{id}", Role.VIEWER, jobs::get));
    routes.put("/api/jobs/{id}", secured.byBms("/api/jobs/{id}", jobs::update));
    routes.delete("/api/jobs/{id}", secured.byBms("/api/jobs/{id}", jobs::delete));
    routes.post("/api/jobs/{id}/enable", secured.byBms("/api/jobs/{id}/enable", actions::enable));
    routes.post("/api/jobs/{id}/disable", secured.byBms("/api/jobs/{id}/disable", actions::disable));
    routes.post("/api/jobs/{id}/run", secured.byBms("/api/jobs/{id}/run", actions::run));
    routes.post("/api/jobs/{id}/runs", secured.byBms("/api/jobs/{id}/runs", actions::start));
    routes.post("/api/jobs/{id}/reported-executions",
        secured.byBms("/api/jobs/{id}/reported-executions", reported::begin));
    routes.post("/api/executions/{id}/heartbeat",
        secured.byBms("/api/executions/{id}/heartbeat", reported::heartbeat));
    routes.post("/api/executions/{id}/complete",
        secured.byBms("/api/executions/{id}/complete", reported::complete));
    routes.post("/api/executions/{id}/fail", secured.byBms("/api/executions/{id}/fail", reported::fail));
  }

  private static void executions(RoutesConfig routes, Secured secured, BmsRuntime runtime) {
    ExecutionsHandler executions = new ExecutionsHandler();
    VerificationsHandler verifications = new VerificationsHandler();
    routes.get("/api/executions", secured.as("/api/executions", Role.VIEWER, executions::list));
    routes.get("/api/executions/{id}", secured.as("/api/executions/{id}", Role.VIEWER, executions::get));
    routes.post("/api/executions/{id}/cancel",
        secured.byBms("/api/executions/{id}/cancel", executions::cancel));
    routes.post("/api/executions/{id}/verify",
        secured.byBms("/api/executions/{id}/verify", verifications::verify));
  }

  /** {@code --raw-endpoints=true}: the load test's plain-JDBC twins of the dashboard's data requests. */
  private static void raw(RoutesConfig routes, Secured secured, RawHandlers raw) {
    routes.get("/raw/stats", secured.as("/raw/stats", Role.VIEWER, raw::stats));
    routes.get("/raw/compliance", secured.as("/raw/compliance", Role.VIEWER, raw::compliance));
    routes.get("/raw/compliance/summary", secured.as("/raw/compliance/summary", Role.VIEWER, raw::complianceSummary));
    routes.get("/raw/alerts", secured.as("/raw/alerts", Role.VIEWER, raw::alerts));
    routes.get("/raw/reports/success-rate", secured.as("/raw/reports/success-rate", Role.VIEWER, raw::successRate));
  }

  private static void restores(RoutesConfig routes, Secured secured, BmsRuntime runtime, PathPolicy paths) {
    RestoresHandler restores = new RestoresHandler(paths);
    CatalogHandler catalog = new CatalogHandler();
    routes.get("/api/restore-points/{id}/files",
        secured.as("/api/restore-points/{id}/files", Role.VIEWER, catalog::files));
    routes.get("/api/catalog/search", secured.as("/api/catalog/search", Role.VIEWER, catalog::search));
    routes.post("/api/restores/plan", secured.as("/api/restores/plan", Role.OPERATOR, restores::plan));
    routes.post("/api/restores", secured.byBms("/api/restores", restores::start));
    routes.get("/api/restores", secured.as("/api/restores", Role.VIEWER, restores::list));
    routes.get("/api/restores/{id}", secured.as("/api/restores/{id}", Role.VIEWER, restores::get));
    routes.post("/api/restores/{id}/cancel", secured.byBms("/api/restores/{id}/cancel", restores::cancel));
    routes.get("/api/jobs/{id}/rto", secured.as("/api/jobs/{id}/rto", Role.VIEWER, restores::timeToRestore));
  }

  /** Wraps endpoint handlers with the access check and names their route for metrics. */
  record Secured(AccessControl access) {
    /**
     * An endpoint whose permission bms decides: any authenticated caller passes the app's gate, and
     * bms's access policy allows or refuses the call the handler makes as the caller's actor
     * (403 {@code forbidden} from {@code AccessDeniedException}).
     */
    Handler byBms(String route, Handler handler) {
      return as(route, Role.VIEWER, handler);
    }

    /** An endpoint whose role the app checks itself (its own pages, and what bms does not decide). */
    Handler as(String route, Role role, Handler handler) {
      return ctx -> {
        ctx.attribute(HttpMetrics.ROUTE, route);
        if (access.admit(ctx, role)) {
          handler.handle(ctx);
        }
      };
    }

    static Handler open(String route, Handler handler) {
      return ctx -> {
        ctx.attribute(HttpMetrics.ROUTE, route);
        handler.handle(ctx);
      };
    }
  }
}
