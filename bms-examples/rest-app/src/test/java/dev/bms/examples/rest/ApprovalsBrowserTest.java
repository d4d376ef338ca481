package dev.bms.examples.rest;

import static dev.bms.examples.rest.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The approvals page in headless Chromium (as {@link DashboardBrowserTest}), on a four-eyes server of
 * its own: two job deletes asked by one admin wait on the page; a second admin approves one (the job
 * is gone) and rejects the other (the job stays), with a comment.
 */
class ApprovalsBrowserTest {
  private static TestServer app;
  private static HeadlessChromium browser;
  private static ChromeDriver driver;
  private static BrowserSession session;

  @BeforeAll
  static void open() throws Exception {
    session = BrowserSession.onOwn(TestServer.withFourEyes("approvals-browser"), "approvals");
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

  private static String job(String name) throws Exception {
    Path source = Files.createDirectories(app.dataDir.resolve("samples/" + name));
    Files.writeString(source.resolve("a.txt"), "a");
    Path target = Files.createDirectories(app.dataDir.resolve("targets/" + name));
    return expect(app.post("/api/jobs", TestServer.ADMIN, """
        {"name": "%s", "source": {"type": "directory", "config": {"path": "%s"}},
         "copies": [{"name": "nas", "targetType": "filesystem", "config": {"root": "%s", "initialize": "true"}}]}
        """.formatted(name, source, target)), 201).get("id").asText();
  }

  private static String heldDelete(String job) {
    return expect(app.call("DELETE", "/api/jobs/" + job, TestServer.ADMIN, null), 202).get("approvalRequired")
        .get("id").asText();
  }

  @Test
  void aSecondAdminApprovesOneDeleteAndRejectsTheOther() throws Exception {
    String doomed = job("browser-doomed");
    String kept = job("browser-kept");
    String approveId = heldDelete(doomed);
    String rejectId = heldDelete(kept);

    WebDriverWait wait = session.login(TestServer.SECOND_ADMIN);
    driver.findElement(By.id("approvals-link")).click();
    wait.until(ExpectedConditions.urlContains("/approvals"));
    By approveRow = By.cssSelector("#approvals tr[data-approval-id='" + approveId + "']");
    By rejectRow = By.cssSelector("#approvals tr[data-approval-id='" + rejectId + "']");
    wait.until(ExpectedConditions.presenceOfElementLocated(approveRow));
    assertThat(driver.findElement(approveRow).getText()).contains("DELETE_JOB", "browser-doomed", "admin", "PENDING");

    driver.findElement(By.id("approvals-comment")).sendKeys("checked with the owner");
    driver.findElement(approveRow).findElement(By.cssSelector("button.approve")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approvals-result"), "Approved: "));
    assertThat(driver.findElement(By.id("approvals-result")).getText()).contains("succeeded");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(approveRow)); // no longer pending
    expect(app.get("/api/jobs/" + doomed, TestServer.VIEWER), 404);

    driver.findElement(rejectRow).findElement(By.cssSelector("button.reject")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approvals-result"), "Rejected: "));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(rejectRow));
    expect(app.get("/api/jobs/" + kept, TestServer.VIEWER), 200);
    assertThat(expect(app.get("/api/approvals/" + rejectId, TestServer.VIEWER), 200).get("comment").asText())
        .isEqualTo("checked with the owner");

    List<LogEntry> severe = browser.consoleErrors();
    assertThat(severe).as(severe.toString()).isEmpty();
    assertThat(driver.findElement(By.id("approvals-error")).isDisplayed()).isFalse();
  }
}
