package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;

/** {@code bsnn bench training} on tiny settings: the keys it promises, and bad arguments. */
class TrainingBenchmarkTest {

  private static String run(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new TrainingBenchmark()
        .run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsEveryRunTheMedianAndTheBest() throws Exception {
    String out = run("layers=c4p-fc8-fc10", "batch=4", "steps=1", "repeats=3", "warmupSeconds=0");
    String seconds = value(out, "vgg-small.seconds");
    assertEquals(3, seconds.split(",").length, out);
    double median = Double.parseDouble(value(out, "vgg-small.images_per_s_median"));
    double best = Double.parseDouble(value(out, "vgg-small.images_per_s_best"));
    assertTrue(median > 0 && best >= median, out);
  }

  @Test
  void badArgumentsAreUserErrors() {
    assertThrows(UserFacingException.class, () -> run("batch"));
    assertThrows(UserFacingException.class, () -> run("repeats=0", "warmupSeconds=0"));
    UserFacingException e =
        assertThrows(UserFacingException.class, () -> run("model=no-such-model"));
    assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
  }

  private static String value(String out, String key) {
    return Arrays.stream(out.split("\n"))
        .filter(line -> line.startsWith(key + "="))
        .map(line -> line.substring(key.length() + 1).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " in\n" + out));
  }
}
