package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The audit page in headless Chromium (as {@link DashboardBrowserTest}): an auditor logs in, follows
 * the dashboard's link, searches the trail for one job's records, pages to older records and back,
 * and verifies the chain from the page.
 */
@ExtendWith(TestServerExtension.class)
class AuditBrowserTest {
  private static TestServer app;
  private static HeadlessChromium browser;
  private static ChromeDriver driver;
  private static BrowserSession session;

  @BeforeAll
  static void open(TestServer server) throws Exception {
    session = BrowserSession.on(server, "audit");
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
  void anAuditorSearchesPagesAndVerifiesTheTrail() throws Exception {
    Path target = Files.createDirectories(app.dataDir.resolve("targets/audit-browser"));
    String job = expect(app.post("/api/jobs", TestServer.ADMIN, """
        {"name": "audit-browser", "source": {"type": "directory", "config": {"path": "%s"}},
         "copies": [{"name": "nas", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}}]}
        """.formatted(app.dataDir.resolve("samples/wiki"), target)), 201).get("id").asText();
    for (int i = 0; i < 11; i++) { // 23 records about the job: more than the page's 20
      expect(app.post("/api/jobs/" + job + "/disable", TestServer.ADMIN, null), 200);
      expect(app.post("/api/jobs/" + job + "/enable", TestServer.ADMIN, null), 200);
    }

    WebDriverWait wait = session.login(TestServer.AUDITOR);
    driver.findElement(By.id("audit-link")).click();
    wait.until(ExpectedConditions.urlContains("/audit"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), "auditor (auditor)"));

    driver.findElement(By.id("audit-q")).sendKeys(job);
    driver.findElement(By.id("audit-actor")).sendKeys("admin");
    driver.findElement(By.id("audit-search")).click();
    wait.until(d -> rows().size() == 20 && rows().get(0).getText().contains("jobs.enable"));
    assertThat(rows()).allSatisfy(r -> assertThat(r.getText()).contains(job, "admin"));
    assertThat(rows().get(0).getText()).contains("SUCCEEDED", "enabled: false → true");
    long newest = Long.parseLong(rows().get(0).getAttribute("data-sequence"));
    assertThat(driver.findElement(By.id("audit-newer")).isEnabled()).isFalse();

    driver.findElement(By.id("audit-older")).click();
    wait.until(d -> "2".equals(d.findElement(By.tagName("body")).getAttribute("data-audit-page")) && rows().size() == 3);
    assertThat(rows().get(2).getText()).contains("jobs.create", "audit-browser");
    assertThat(driver.findElement(By.id("audit-older")).isEnabled()).isFalse();
    driver.findElement(By.id("audit-newer")).click();
    wait.until(d -> rows().size() == 20);
    assertThat(Long.parseLong(rows().get(0).getAttribute("data-sequence"))).isEqualTo(newest);

    driver.findElement(By.id("audit-verify")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-verified"), "Chain intact"));
    assertThat(driver.findElement(By.id("audit-verified")).getAttribute("data-intact")).isEqualTo("true");

    List<LogEntry> severe = browser.consoleErrors();
    assertThat(severe).as(severe.toString()).isEmpty();
    assertThat(driver.findElement(By.id("audit-error")).isDisplayed()).isFalse();
  }

  private static List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#audit tbody tr"));
  }
}
