package agritrace.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import agritrace.Config;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rapid test's threshold is a setting, and the judgement follows it. */
class JudgementRulesTest {

  @Test
  @DisplayName("the threshold is 50 % unless AGRITRACE_RAPID_TEST_THRESHOLD says otherwise, and must be a percentage")
  void threshold() {
    assertEquals(0, new BigDecimal("50").compareTo(Config.fromEnvironment(Map.of()).rapidTestThreshold()));
    assertEquals(0, new BigDecimal("40.5").compareTo(
        Config.fromEnvironment(Map.of("AGRITRACE_RAPID_TEST_THRESHOLD", "40.5")).rapidTestThreshold()));
    assertThrows(IllegalArgumentException.class,
        () -> Config.fromEnvironment(Map.of("AGRITRACE_RAPID_TEST_THRESHOLD", "120")));
    assertThrows(IllegalArgumentException.class,
        () -> Config.fromEnvironment(Map.of("AGRITRACE_RAPID_TEST_THRESHOLD", "half")));
  }

  @Test
  @DisplayName("a rapid test is positive at or above the threshold set, negative just below it")
  void rapidAtThreshold() {
    Judgement judgement = new Judgement(new BigDecimal("40"));
    assertEquals(Judgement.Result.POSITIVE, judgement.rapid(new BigDecimal("40")));
    assertEquals(Judgement.Result.NEGATIVE, judgement.rapid(new BigDecimal("39.99")));
  }
}
