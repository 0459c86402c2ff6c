package org.bsnn.plugins.normalization;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.stage.Normalizer;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every normalizer refuses activations that are not finite with a message naming the layer that
 * produced them, instead of a misleading "never activated" or an internal percentile error.
 */
class NonFiniteActivationTest {

  private static final int IN = 4;

  /** fc1's finite but huge weights overflow float32: its outputs are +Infinity. */
  private static Network overflowing() {
    double[][] huge = new double[3][IN];
    for (double[] row : huge) {
      java.util.Arrays.fill(row, 3e38);
    }
    double[][] out = {{1, -1, 1}, {-1, 1, 1}};
    return new Network(
        "overflow",
        new long[] {1, 1, IN},
        List.of(
            Node.of("flatten", new Layer.Flatten(), Network.INPUT),
            Node.of("fc1", TestTensors.dense(huge, null), "flatten"),
            Node.of("relu1", new Layer.Relu(), "fc1"),
            Node.of("out", TestTensors.dense(out, null), "relu1")),
        "out");
  }

  static Stream<Normalizer> normalizers() {
    return Stream.of(
        new PercentileNormalizer(new PercentileConfig(99.0, 8, true, 4)),
        new PercentileNormalizer(new PercentileConfig(99.0, 8, false, 4)),
        new MaxActivationNormalizer(new MaxActivationConfig(8, 4)),
        new ChannelPercentileNormalizer(new ChannelPercentileConfig(99.0, 8, true, 4)),
        new SpikeBasedNormalizer(
            new SpikeBasedConfig(8, 3, 100, 4, ResetMode.SUBTRACT, Encoding.DIRECT)),
        new SpikeBasedNormalizer(
            new SpikeBasedConfig(8, 3, 99.0, 4, ResetMode.SUBTRACT, Encoding.DIRECT)));
  }

  @ParameterizedTest
  @MethodSource("normalizers")
  void overflowingActivationsNameTheLayer(Normalizer normalizer) {
    float[][] x = new float[8][IN];
    for (float[] row : x) {
      java.util.Arrays.fill(row, 1f);
    }
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                normalizer.calibrate(
                    overflowing(), InMemoryDataSplit.flat(x, new int[8]), new TestRunContext(0)));
    String m = e.getMessage();
    assertTrue(m.contains("layer 'fc1'"), m);
    assertTrue(m.contains("+Infinity at index [0, 0]"), m);
    assertTrue(m.contains("overflow"), m);
    assertFalse(m.contains("never activated") || m.contains("retained values"), m);
  }
}
