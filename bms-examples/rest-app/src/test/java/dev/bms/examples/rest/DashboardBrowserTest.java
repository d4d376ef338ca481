package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Selenium through Debian's
 * chromedriver (both installed by {@code scripts/setup-test-env.sh}, part of the README's test command). Logs in through the form, waits until the
 * charts (compliance per digit included) have drawn the seeded data, checks the canvases really hold
 * pixels, acknowledges an alert through the page, saves a screenshot to {@code target/dashboard.png},
 * and opens the HTML compliance report from its link (styled under its own CSP, nothing blocked).
 */
@ExtendWith(TestServerExtension.class)
class DashboardBrowserTest {
  private static TestServer app;
  private static HeadlessChromium browser;
  private static ChromeDriver driver;
  private static BrowserSession session;

  @BeforeAll
  static void open(TestServer server) throws Exception {
    session = BrowserSession.on(server, "profile");
    app = session.app;
    browser = session.browser;
    driver = session.driver;
  }

  @AfterAll
  static void close() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  /** Whether the alerts card equals the firing alerts the groups table counts, in one script turn. */
  private static boolean cardAgreesWithGroups() {
    Object agree = ((JavascriptExecutor) driver).executeScript(
        "var n = 0; document.querySelectorAll('#alert-groups tbody tr').forEach(function (r) {"
            + " n += parseInt(r.children[2].textContent, 10); });"
            + "return document.getElementById('card-alerts').textContent === String(n) && n > 0;");
    return Boolean.TRUE.equals(agree);
  }

  private static long acknowledgedInGroups() {
    return ((Number) ((JavascriptExecutor) driver).executeScript(
        "var n = 0; document.querySelectorAll('#alert-groups tbody tr').forEach(function (r) {"
            + " n += parseInt(r.children[3].textContent, 10); }); return n;")).longValue();
  }

  @Test
  void dashboardDrawsTheSeededDataAndRefreshesItself() throws Exception {
    driver.get(app.uri("/dashboard").toString());
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    // The page re-renders its tables on every refresh (every 2 s here): an element found a moment ago
    // may be gone, so waits look again rather than fail.
    wait.ignoring(StaleElementReferenceException.class);
    // Not logged in: sent to the login form.
    wait.until(ExpectedConditions.urlContains("/login"));
    driver.findElement(By.id("apiKey")).sendKeys(TestServer.BROWSER);
    driver.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.urlContains("/dashboard"));

    for (String chart : List.of("chart-status", "chart-success", "chart-compliance")) {
      wait.until(ExpectedConditions.attributeToBe(By.id(chart), "data-rendered", "true"));
    }
    assertThat(driver.findElement(By.id("whoami")).getText()).isEqualTo("browser (operator)");

    // Job status: one bar value per job, all seeded jobs counted; the failed bar is red.
    int jobs = Integer.parseInt(driver.findElement(By.id("card-jobs")).getText());
    assertThat(jobs).isGreaterThanOrEqualTo(SampleData.JOB_NAMES.size());
    assertThat(Integer.parseInt(driver.findElement(By.id("chart-status")).getAttribute("data-points"))).isEqualTo(jobs);
    assertThat(driver.findElement(By.id("chart-status")).getAttribute("data-failed-color")).isEqualTo("#c62828");
    // The jobs list says which of how many it shows.
    wait.until(d -> d.findElement(By.id("jobs-total")).getText().equals(Integer.toString(jobs)));
    assertThat(driver.findElement(By.id("jobs-range")).getText()).isEqualTo("1–" + jobs);
    // Success rate: a point per day that had executions (a week of seeded history, today included).
    WebElement success = driver.findElement(By.id("chart-success"));
    assertThat(Integer.parseInt(success.getAttribute("data-points"))).isBetween(6, 8);
    assertThat(Long.parseLong(success.getAttribute("data-executions"))).isGreaterThan(30);

    // Compliance per digit: bms's verdicts for each of the five digits, passing, failing and unknown jobs.
    WebElement compliance = driver.findElement(By.id("chart-compliance"));
    assertThat(Integer.parseInt(compliance.getAttribute("data-points"))).isEqualTo(5);
    int pass = Integer.parseInt(compliance.getAttribute("data-pass"));
    int fail = Integer.parseInt(compliance.getAttribute("data-fail"));
    int unknown = Integer.parseInt(compliance.getAttribute("data-unknown"));
    assertThat(pass).isPositive();
    assertThat(fail).isPositive();
    assertThat(unknown).isPositive();
    assertThat((pass + fail + unknown) % 5).isZero(); // every job judged on every digit
    assertThat((pass + fail + unknown) / 5).isGreaterThanOrEqualTo(SampleData.JOB_NAMES.size());
    assertThat(driver.findElement(By.id("card-compliant")).getText()).matches("[1-9]\\d* / \\d+");
    assertThat(driver.findElement(By.id("compliance-unavailable")).isDisplayed()).isFalse();

    // The canvases hold drawn pixels, not just an empty element.
    for (String chart : List.of("chart-status", "chart-success", "chart-compliance")) {
      long painted = paintedPixels(chart);
      assertThat(painted).as(chart + " painted pixels").isGreaterThan(2_000);
    }

    // The jobs table lists the seeded jobs with their last status.
    List<WebElement> rows = driver.findElements(By.cssSelector("#jobs tbody tr"));
    assertThat(rows).hasSizeGreaterThanOrEqualTo(SampleData.JOB_NAMES.size());
    assertThat(driver.findElement(By.cssSelector("#jobs tbody")).getText()).contains("payroll-files", "erp-database", "FAILED");

    // Refreshing itself (every 2 s in tests).
    wait.until(d -> Integer.parseInt(d.findElement(By.id("updated")).getAttribute("data-refreshes")) >= 2);

    // Open alerts raised from the seeded history, grouped by rule and severity, critical first; the
    // card counts every firing alert (from the summary), so it agrees with the groups' firing column.
    // The card and the groups come from two requests: background work (the compliance sweep, RPO
    // checks) may raise an alert between them, so they are compared until one refresh agrees.
    wait.until(d -> cardAgreesWithGroups());
    List<String> severities = driver.findElements(By.cssSelector("#alert-groups tbody tr")).stream()
        .map(r -> r.getAttribute("data-severity")).toList();
    assertThat(severities).isNotEmpty().isSortedAccordingTo(java.util.Comparator.comparing(
        s -> dev.bms.api.model.Severity.valueOf(s).ordinal()));
    @SuppressWarnings("unchecked")
    Map<String, Object> snapshot = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(
        "var rows = document.querySelectorAll(\"#alerts tbody tr[data-state='FIRING']\");"
            + "return {firing: rows.length, first: rows.length ? rows[0].dataset.alertId : '',"
            + " text: document.querySelector('#alerts tbody').textContent};");
    assertThat(((Number) snapshot.get("firing")).intValue()).isPositive();
    assertThat((String) snapshot.get("text")).contains("erp-database");
    String alertId = (String) snapshot.get("first");
    By row = By.cssSelector("#alerts tbody tr[data-alert-id='" + alertId + "']");
    wait.until(d -> {
      d.findElement(row).findElement(By.cssSelector("button.ack")).click();
      return true;
    });
    wait.until(ExpectedConditions.attributeToBe(row, "data-state", "ACKNOWLEDGED"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "acknowledged by browser"));
    // The acknowledged alert moves from the groups' firing column to acknowledged, card included.
    wait.until(d -> cardAgreesWithGroups() && !d.findElements(By.cssSelector(
        "#alert-groups tbody tr")).isEmpty() && acknowledgedInGroups() >= 1);
    // ... and bms stored it.
    assertThat(app.get("/api/alerts?state=ACKNOWLEDGED&limit=500", TestServer.VIEWER).body()).contains(alertId, "\"acknowledgedBy\":\"browser\"");

    Path shot = Path.of("target", "dashboard.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    assertThat(Files.size(shot)).isGreaterThan(20_000);
    assertNoConsoleErrors();

    // The compliance report's link opens bms's HTML report with the session; its inline style sheet
    // is allowed by the report's CSP (computed styles prove it applied) and nothing is blocked.
    driver.findElement(By.id("report-compliance")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.chart rect.bar")));
    assertThat(driver.findElements(By.cssSelector("svg.chart rect.bar")).size()).isGreaterThanOrEqualTo(5);
    JavascriptExecutor js = (JavascriptExecutor) driver;
    assertThat(js.executeScript("return getComputedStyle(document.querySelector('table')).borderCollapse")).isEqualTo("collapse");
    assertThat(js.executeScript("return getComputedStyle(document.querySelector('rect.bar.fail')).fill"))
        .isEqualTo("rgb(198, 40, 40)");
    Path report = Path.of("target", "compliance-report.png");
    Files.write(report, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    assertNoConsoleErrors();
  }

  /** No CSP violation, failed load or script error in the console since the last look. */
  private static void assertNoConsoleErrors() {
    List<LogEntry> severe = browser.consoleErrors();
    assertThat(severe).as(severe.toString()).isEmpty();
  }

  /** Pixels with any opacity on the chart's plot canvas. */
  private static long paintedPixels(String chartId) {
    Object n = ((JavascriptExecutor) driver).executeScript(
        "var c = document.querySelector('#' + arguments[0] + ' canvas');"
            + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "var n = 0; for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n;", chartId);
    return ((Number) n).longValue();
  }
}
