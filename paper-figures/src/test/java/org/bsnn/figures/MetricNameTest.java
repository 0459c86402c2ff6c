package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricNameTest {

  @Test
  void splitsBaseAndBracketedArguments() {
    MetricName m = MetricName.parse("confusion[snn][T-shirt/top][Ankle boot]").get();
    assertEquals("confusion", m.base());
    assertEquals(List.of("snn", "T-shirt/top", "Ankle boot"), m.args());
    assertTrue(m.is("confusion", 3));
    assertEquals(List.of("0.5 pt"), MetricName.parse("timesteps-to-within[0.5 pt]").get().args());
    assertEquals(new MetricName("ann-accuracy", List.of()), MetricName.parse("ann-accuracy").get());
  }

  @Test
  void rejectsUnbalancedBrackets() {
    assertTrue(MetricName.parse("spikes[relu1").isEmpty());
    assertTrue(MetricName.parse("spikes]").isEmpty());
    assertTrue(MetricName.parse("energy[ann]x[relu1]").isEmpty());
  }
}
