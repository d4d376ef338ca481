package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Selenium through Debian's
 * chromedriver (both installed by {@code .ci/run}). Logs in through the form, waits until the
 * charts have drawn the seeded data, checks the canvases really hold pixels, acknowledges an alert
 * through the page, and saves a screenshot to {@code target/dashboard.png}.
 */
@ExtendWith(TestServerExtension.class)
class DashboardBrowserTest {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private static TestServer app;
  private static ChromeDriver driver;
  private static Path profile;

  @BeforeAll
  static void open(TestServer server) throws Exception {
    app = server;
    profile = Files.createTempDirectory("bms-chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--window-size=1400,1100", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // The driver is given explicitly, so Selenium Manager never tries to download one.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void close() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    TestServer.deleteTree(profile);
  }

  @Test
  void dashboardDrawsTheSeededDataAndRefreshesItself() throws Exception {
    driver.get(app.uri("/dashboard").toString());
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    // Not logged in: sent to the login form.
    wait.until(ExpectedConditions.urlContains("/login"));
    driver.findElement(By.id("apiKey")).sendKeys(TestServer.BROWSER);
    driver.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.urlContains("/dashboard"));

    for (String chart : List.of("chart-status", "chart-success")) {
      wait.until(ExpectedConditions.attributeToBe(By.id(chart), "data-rendered", "true"));
    }
    assertThat(driver.findElement(By.id("whoami")).getText()).isEqualTo("browser (operator)");

    // Job status: one bar value per job, all seeded jobs counted.
    int jobs = Integer.parseInt(driver.findElement(By.id("card-jobs")).getText());
    assertThat(jobs).isGreaterThanOrEqualTo(SampleData.JOB_NAMES.size());
    assertThat(Integer.parseInt(driver.findElement(By.id("chart-status")).getAttribute("data-points"))).isEqualTo(jobs);
    // Success rate: a point per day that had executions (a week of seeded history, today included).
    WebElement success = driver.findElement(By.id("chart-success"));
    assertThat(Integer.parseInt(success.getAttribute("data-points"))).isBetween(6, 8);
    assertThat(Long.parseLong(success.getAttribute("data-executions"))).isGreaterThan(30);

    // The canvases hold drawn pixels, not just an empty element.
    for (String chart : List.of("chart-status", "chart-success")) {
      long painted = paintedPixels(chart);
      assertThat(painted).as(chart + " painted pixels").isGreaterThan(2_000);
    }

    // The jobs table lists the seeded jobs with their last status.
    List<WebElement> rows = driver.findElements(By.cssSelector("#jobs tbody tr"));
    assertThat(rows).hasSizeGreaterThanOrEqualTo(SampleData.JOB_NAMES.size());
    assertThat(driver.findElement(By.cssSelector("#jobs tbody")).getText()).contains("payroll-files", "erp-database", "FAILED");

    // Refreshing itself (every 2 s in tests).
    wait.until(d -> Integer.parseInt(d.findElement(By.id("updated")).getAttribute("data-refreshes")) >= 2);

    // Open alerts raised from the seeded history; acknowledge one through the page.
    List<WebElement> firing = driver.findElements(By.cssSelector("#alerts tbody tr[data-state='FIRING']"));
    assertThat(firing).isNotEmpty();
    assertThat(driver.findElement(By.cssSelector("#alerts tbody")).getText()).contains("erp-database");
    int firingBefore = Integer.parseInt(driver.findElement(By.id("card-alerts")).getText());
    assertThat(firingBefore).isEqualTo(firing.size());
    String alertId = firing.get(0).getAttribute("data-alert-id");
    firing.get(0).findElement(By.cssSelector("button.ack")).click();
    By row = By.cssSelector("#alerts tbody tr[data-alert-id='" + alertId + "']");
    wait.until(ExpectedConditions.attributeToBe(row, "data-state", "ACKNOWLEDGED"));
    assertThat(driver.findElement(row).getText()).contains("acknowledged by browser");
    assertThat(Integer.parseInt(driver.findElement(By.id("card-alerts")).getText())).isEqualTo(firingBefore - 1);
    // ... and bms stored it.
    assertThat(app.get("/api/alerts?state=ACKNOWLEDGED&limit=500", TestServer.VIEWER).body()).contains(alertId, "\"acknowledgedBy\":\"browser\"");

    // Compliance is not in this bms build: the page says so instead of inventing numbers.
    assertThat(driver.findElement(By.id("compliance-unavailable")).getText()).contains("compliance service");

    Path shot = Path.of("target", "dashboard.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    assertThat(Files.size(shot)).isGreaterThan(20_000);

    // No CSP violation or script error in the console.
    List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .filter(e -> !e.getMessage().contains("/api/compliance")) // the 501 above, logged by the browser
        .toList();
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
