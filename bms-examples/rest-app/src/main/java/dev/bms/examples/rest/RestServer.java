package dev.bms.examples.rest;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.net.URI;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API and dashboard over an embedded bms (Javalin on Jetty 12). {@link #start} builds bms
 * from the configuration, seeds sample data into an empty store, and serves:
 *
 * <pre>
 * GET  /api/jobs              viewer    keyset pages of jobs with their latest execution
 * GET  /api/jobs/{id}         viewer    a job and its newest executions
 * POST /api/jobs              admin     create a job (400 names each bad field)
 * POST /api/jobs/{id}/run     operator  run a managed job now
 * GET  /api/executions        viewer    keyset pages of executions, newest first
 * GET  /api/alerts            viewer    keyset pages of alerts (open ones by default)
 * POST /api/alerts/{id}/ack   operator  acknowledge an alert
 * GET  /api/reports/{kind}    viewer    success-rate, compliance, alert-acks, job-history as JSON, CSV or HTML
 * GET  /api/compliance        viewer    3-2-1-1-0 verdicts per job and per digit
 * GET  /api/stats             viewer    what the dashboard charts
 * GET  /metrics               viewer    Prometheus exposition
 * GET  /health                viewer    storage (and Redis) health
 * GET  /dashboard             viewer    the dashboard (browsers log in at /login)
 * </pre>
 *
 * Every response carries the security headers; every endpoint but the login page and static assets
 * needs an API key (or the dashboard's session) with the role shown, and is rate limited per client.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RestServer.class);

  private final AppConfig config;
  private final BmsRuntime runtime;
  private final Javalin app;

  private RestServer(AppConfig config, BmsRuntime runtime, Javalin app) {
    this.config = config;
    this.runtime = runtime;
    this.app = app;
  }

  /** Starts bms (seeding an empty store) and the HTTP server. */
  public static RestServer start(AppConfig config) {
    Objects.requireNonNull(config, "config");
    BmsRuntime runtime = BmsRuntime.start(config);
    try {
      new SampleData(runtime.bms, runtime.clock, config.dataDir()).seedIfEmpty(config.seedDays());
      Javalin app = Javalin.create(javalin -> configure(javalin, config, runtime));
      app.start(config.host(), config.port());
      RestServer server = new RestServer(config, runtime, app);
      log.info("bms REST app listening on {} ({})", server.baseUri(), runtime.storageDescription);
      return server;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private static void configure(io.javalin.config.JavalinConfig javalin, AppConfig config, BmsRuntime runtime) {
    javalin.startup.showJavalinBanner = false;
    javalin.startup.showOldJavalinVersionWarning = false;
    javalin.http.maxRequestSize = 64 * 1024;
    javalin.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
    javalin.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));

    SessionStore sessions = new SessionStore(System::currentTimeMillis);
    Authenticator authenticator = new Authenticator(config.apiKeys(), sessions);
    AccessControl access = new AccessControl(authenticator, new TokenBuckets(config.rateLimit(), System::nanoTime));
    HttpMetrics metrics = new HttpMetrics(runtime.registry);
    SecurityHeaders headers = new SecurityHeaders();

    JobsHandler jobs = new JobsHandler(runtime.bms);
    ExecutionsHandler executions = new ExecutionsHandler(runtime.bms);
    StatsHandler stats = new StatsHandler(runtime.bms, runtime.clock);
    HealthHandler health = new HealthHandler(runtime.bms, runtime.redis, runtime.storageDescription);
    DashboardHandler dashboard = new DashboardHandler(config.refreshSeconds(), authenticator, sessions, access);
    AlertsHandler alerts = new AlertsHandler(runtime.bms);
    ReportsHandler reports = new ReportsHandler(runtime.bms, runtime.clock);
    ComplianceHandler compliance = new ComplianceHandler(runtime.bms);

    RoutesConfig routes = javalin.routes;
    routes.before(ctx -> {
      headers.handle(ctx);
      metrics.start(ctx);
    });
    routes.after(metrics::stop);
    ErrorResponses.register(routes);

    Secured secured = new Secured(access);
    routes.get("/api/jobs", secured.as("/api/jobs", Role.VIEWER, jobs::list));
    routes.get("/api/jobs/{id}", secured.as("/api/jobs/{id}", Role.VIEWER, jobs::get));
    routes.post("/api/jobs", secured.as("/api/jobs", Role.ADMIN, jobs::create));
    routes.post("/api/jobs/{id}/run", secured.as("/api/jobs/{id}/run", Role.OPERATOR, jobs::run));
    routes.get("/api/executions", secured.as("/api/executions", Role.VIEWER, executions::list));
    routes.get("/api/alerts", secured.as("/api/alerts", Role.VIEWER, alerts::list));
    routes.post("/api/alerts/{id}/ack", secured.as("/api/alerts/{id}/ack", Role.OPERATOR, alerts::acknowledge));
    routes.get("/api/reports/{kind}", secured.as("/api/reports/{kind}", Role.VIEWER, reports::get));
    routes.get("/api/compliance", secured.as("/api/compliance", Role.VIEWER, compliance::get));
    routes.get("/api/stats", secured.as("/api/stats", Role.VIEWER, stats::get));
    routes.get("/api/session", secured.as("/api/session", Role.VIEWER, dashboard::session));
    routes.get("/metrics", secured.as("/metrics", Role.VIEWER, ctx -> ctx
        .contentType("text/plain; version=0.0.4; charset=utf-8").result(runtime.registry.scrape())));
    routes.get("/health", secured.as("/health", Role.VIEWER, health::get));
    routes.get("/dashboard", secured.as("/dashboard", Role.VIEWER, dashboard::dashboard));
    routes.post("/logout", secured.as("/logout", Role.VIEWER, dashboard::logout));
    routes.get("/login", Secured.open("/login", dashboard::loginForm));
    routes.post("/login", Secured.open("/login", dashboard::login));
    routes.get("/assets/{name}", Secured.open("/assets/{name}", dashboard::asset));
    routes.get("/", Secured.open("/", ctx -> ctx.header("Location", "/dashboard").status(303)));
  }

  /** Wraps endpoint handlers with the access check and names their route for metrics. */
  private record Secured(AccessControl access) {
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

  /** The port it listens on (useful with port 0). */
  public int port() {
    return app.port();
  }

  /** {@code http://host:port}. */
  public URI baseUri() {
    return URI.create("http://" + (config.host().contains(":") ? "[" + config.host() + "]" : config.host()) + ":" + port());
  }

  /** Stops the HTTP server, then bms (running executions drain). */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      runtime.close();
    }
  }
}
