package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Findings in headless Chromium on the seeded server: the sample erp-database reported a "success"
 * without data four days ago and has failed since, so bms's detector holds an open empty-success
 * finding. The dashboard's findings panel groups it and links to the job page, which shows its
 * explanation, score, time and state; an operator resolves it there with a reason.
 */
@ExtendWith(TestServerExtension.class)
class FindingsBrowserTest {
  private static BrowserSession session;

  @BeforeAll
  static void open(TestServer server) throws Exception {
    session = BrowserSession.on(server, "findings");
  }

  @AfterAll
  static void close() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void theDashboardGroupsOpenFindingsAndTheJobPageResolvesOne() {
    WebDriverWait wait = session.login(TestServer.BROWSER);
    var driver = session.driver;
    wait.until(d -> "true".equals(d.findElement(By.cssSelector("#findings tbody")).getAttribute("data-loaded")));
    WebElement group = driver.findElement(By.cssSelector("#findings tr.finding-group[data-kind='empty success']"));
    assertThat(group.getText()).startsWith("empty success (");
    WebElement row = driver.findElements(By.cssSelector("#findings tr.finding[data-kind='EMPTY_SUCCESS']")).stream()
        .filter(r -> r.getText().contains("erp-database")).findFirst().orElseThrow();
    assertThat(row.getText()).contains("reported success with 0");

    row.findElement(By.tagName("a")).click();
    wait.until(ExpectedConditions.urlContains("/jobs/"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-name"), "erp-database"));
    wait.until(d -> "true".equals(d.findElement(By.cssSelector("#job-findings tbody")).getAttribute("data-loaded")));
    WebElement finding = findingRow();
    assertThat(finding.getAttribute("data-state")).isEqualTo("FIRING");
    assertThat(finding.findElement(By.className("explanation")).getText()).contains("reported success with 0");
    assertThat(finding.findElement(By.className("score")).getText()).matches("\\d+\\.\\d");
    assertThat(finding.getText()).contains("UTC", "WARNING");

    // a reason is required; then the operator resolves it
    finding.findElement(By.className("resolve")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("findings-result"), "Say what you found"));
    driver.findElement(By.id("resolve-reason")).sendKeys("the ERP dump job wrote to a full disk; fixed");
    findingRow().findElement(By.className("resolve")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("findings-result"), "Resolved"));
    wait.until(d -> "RESOLVED".equals(findingRow().getAttribute("data-state")));
    assertThat(findingRow().findElements(By.className("resolve"))).isEmpty();

    List<LogEntry> severe = session.browser.consoleErrors();
    assertThat(severe).as(severe.toString()).isEmpty();
  }

  private static WebElement findingRow() {
    return session.driver.findElements(By.cssSelector("#job-findings tbody tr[data-kind='EMPTY_SUCCESS']")).get(0);
  }
}
