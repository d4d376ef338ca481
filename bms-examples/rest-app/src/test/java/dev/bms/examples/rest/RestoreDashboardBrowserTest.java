package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's restore section in headless Chromium (as {@link DashboardBrowserTest}): an
 * operator finds the versions of a file, dry-runs a restore of one, starts it, and sees it in the
 * list of recent restores; the file lands with the content it was backed up with.
 */
@ExtendWith(TestServerExtension.class)
class RestoreDashboardBrowserTest {
  private static TestServer app;
  private static ChromeDriver driver;
  private static Path profile;

  @BeforeAll
  static void open(TestServer server) throws Exception {
    app = server;
    profile = Files.createTempDirectory("bms-chromium-restore");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(DashboardBrowserTest.CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--window-size=1400,1100", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DashboardBrowserTest.CHROMEDRIVER)).usingAnyFreePort().build(), options);
  }

  @AfterAll
  static void close() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    TestServer.deleteTree(profile);
  }

  @Test
  void findDryRunAndRestoreAFileFromThePage() throws Exception {
    Path source = Files.createDirectories(app.dataDir.resolve("samples/browser-restore/conf"));
    Files.writeString(source.resolve("app.properties"), "mode=production\n", StandardCharsets.UTF_8);
    Path root = Files.createDirectories(app.dataDir.resolve("targets/browser-restore"));
    String job = expect(app.post("/api/jobs", TestServer.ADMIN, """
        {"name": "browser-restore", "source": {"type": "directory", "config": {"path": "%s"}},
         "copies": [{"name": "nas", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}}]}
        """.formatted(source.getParent(), root)), 201).get("id").asText();
    expect(app.post("/api/jobs/" + job + "/run", TestServer.OPERATOR, null), 200);
    Path into = app.dataDir.resolve("restored/browser");

    driver.get(app.uri("/login").toString());
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    driver.findElement(By.id("apiKey")).sendKeys(TestServer.BROWSER);
    driver.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.urlContains("/dashboard"));

    driver.findElement(By.id("find-path")).sendKeys("app.properties");
    driver.findElement(By.id("find-by-name")).click();
    driver.findElement(By.id("restore-destination")).sendKeys(into.toString());
    driver.findElement(By.id("find-submit")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#versions tbody"), "conf/app.properties"));

    driver.findElement(By.cssSelector("#versions tbody button.plan")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-summary"), "Dry run: 1 file(s)"));
    assertThat(driver.findElement(By.id("plan-summary")).getText()).contains("from copy nas").contains("write");
    assertThat(Files.exists(into)).isFalse();

    driver.findElement(By.cssSelector("#versions tbody button.restore")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#restores tbody"), into.toString()));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#restores tbody tr"), "SUCCEEDED"));
    assertThat(Files.readString(into.resolve("conf/app.properties"))).isEqualTo("mode=production\n");

    // a destination outside the allowed roots is refused with the field named on the page
    driver.findElement(By.id("restore-destination")).clear();
    driver.findElement(By.id("restore-destination")).sendKeys("/etc");
    driver.findElement(By.cssSelector("#versions tbody button.restore")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("restore-error"), "destination: "));

    List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        // the refused restore is a 400 the page shows; the browser logs the failed fetch itself
        .filter(e -> !e.getMessage().contains("400"))
        .toList();
    assertThat(severe).as(severe.toString()).isEmpty();
  }
}
