package dev.bms.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidationMessageTest {

  @Test
  void keysWithAnyCharactersSurviveTheRoundTrip() {
    var message = InvalidationMessage.keys("id-1", "jobs", List.of("a", "b|c", "12:x", "", "ü\n"));
    assertThat(InvalidationMessage.decode(message.encode())).contains(message);
  }

  @Test
  void allAndProbeRoundTrip() {
    var all = InvalidationMessage.all("id-1", "jobs");
    var probe = InvalidationMessage.probe("id-1", "nonce");
    assertThat(InvalidationMessage.decode(all.encode())).contains(all);
    assertThat(InvalidationMessage.decode(probe.encode())).contains(probe);
  }

  @Test
  void malformedOrForeignMessagesAreIgnored() {
    assertThat(InvalidationMessage.decode("")).isEmpty();
    assertThat(InvalidationMessage.decode("2|id|KEYS|jobs|1:a")).isEmpty();
    assertThat(InvalidationMessage.decode("1|id|NOPE|jobs|")).isEmpty();
    assertThat(InvalidationMessage.decode("1|id|KEYS|jobs|5:a")).isEmpty();
    assertThat(InvalidationMessage.decode("1|id|KEYS|jobs|x:a")).isEmpty();
  }
}
