package dev.bms.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The app's shipped logback.xml (not the test configuration) writes one JSON object per line with the MDC
 * fields bms sets and trace ids, and drops nothing a log reader needs.
 */
class JsonLogFormatTest {
  @Test
  void shippedConfigurationWritesJsonWithBmsMdcFieldsAndTraceIds() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(JsonLogFormatTest.class.getResource("/logback.xml"));
    // a warning (e.g. an appender defined but not referenced) makes logback print its whole status at start
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .noneMatch(status -> status.getEffectiveLevel() >= Status.WARN);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    @SuppressWarnings("unchecked")
    Encoder<ILoggingEvent> encoder = ((OutputStreamAppender<ILoggingEvent>) root.getAppender("CONSOLE")).getEncoder();

    LoggingEvent event = new LoggingEvent(JsonLogFormatTest.class.getName(), context.getLogger("dev.bms.core.Engine"),
        ch.qos.logback.classic.Level.WARN, "Execution {} of job '{}' FAILED", new IllegalStateException("disk full"),
        new Object[] {"0193-exec", "payroll"});
    event.setMDCPropertyMap(Map.of("bms.job", "0193-job", "bms.jobName", "payroll", "bms.execution", "0193-exec",
        "traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7"));
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

    assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n{");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("message").asText()).isEqualTo("Execution 0193-exec of job 'payroll' FAILED");
    assertThat(json.get("level").asText()).isEqualTo("WARN");
    assertThat(json.get("logger_name").asText()).isEqualTo("dev.bms.core.Engine");
    assertThat(json.get("bms.job").asText()).isEqualTo("0193-job");
    assertThat(json.get("bms.jobName").asText()).isEqualTo("payroll");
    assertThat(json.get("bms.execution").asText()).isEqualTo("0193-exec");
    assertThat(json.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(json.get("spanId").asText()).isEqualTo("00f067aa0ba902b7");
    assertThat(json.get("stack_trace").asText()).contains("IllegalStateException: disk full");
    assertThat(json.has("@timestamp")).isTrue();
    context.stop();
  }
}
