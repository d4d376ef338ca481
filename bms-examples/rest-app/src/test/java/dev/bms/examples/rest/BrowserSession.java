package dev.bms.examples.rest;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The preamble the browser tests share: a headless Chromium against one {@link TestServer}, and
 * logging in through the form. Open it in {@code @BeforeAll}, close it in {@code @AfterAll} (which also
 * closes a server of the test's own, such as a four-eyes one).
 */
final class BrowserSession implements AutoCloseable {
  final TestServer app;
  final HeadlessChromium browser;
  final ChromeDriver driver;
  private final boolean ownServer;

  private BrowserSession(TestServer app, HeadlessChromium browser, boolean ownServer) {
    this.app = app;
    this.browser = browser;
    this.driver = browser.driver;
    this.ownServer = ownServer;
  }

  /** A browser against the run's shared server. */
  static BrowserSession on(TestServer shared, String profile) throws Exception {
    return new BrowserSession(shared, HeadlessChromium.start(profile), false);
  }

  /** A browser against a server of the test's own, closed with the session. */
  static BrowserSession onOwn(TestServer own, String profile) throws Exception {
    try {
      return new BrowserSession(own, HeadlessChromium.start(profile), true);
    } catch (Exception | Error e) {
      own.close();
      throw e;
    }
  }

  /** A wait of 20 s that ignores elements replaced while it polls (panels re-render). */
  WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Logs in with {@code apiKey} through the login form and waits for the dashboard. */
  WebDriverWait login(String apiKey) {
    driver.get(app.uri("/login").toString());
    WebDriverWait wait = waiting();
    driver.findElement(By.id("apiKey")).sendKeys(apiKey);
    driver.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.urlContains("/dashboard"));
    return wait;
  }

  @Override
  public void close() throws Exception {
    try {
      browser.close();
    } finally {
      if (ownServer) {
        app.close();
      }
    }
  }
}
