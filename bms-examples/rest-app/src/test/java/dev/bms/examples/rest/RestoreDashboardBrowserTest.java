package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
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
  private static HeadlessChromium browser;
  private static ChromeDriver driver;
  private static BrowserSession session;

  @BeforeAll
  static void open(TestServer server) throws Exception {
    session = BrowserSession.on(server, "restore");
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

    WebDriverWait wait = session.login(TestServer.BROWSER);

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

    // the refused restore is a 400 the page shows; the browser logs the failed fetch itself
    List<LogEntry> severe = browser.consoleErrors("400");
    assertThat(severe).as(severe.toString()).isEmpty();
  }
}
