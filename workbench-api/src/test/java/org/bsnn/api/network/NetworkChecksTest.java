package org.bsnn.api.network;

import static org.bsnn.api.network.TestArrays.positive;
import static org.bsnn.api.network.TestArrays.randn;
import static org.bsnn.api.network.TestArrays.signs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworkChecksTest {

  @Test
  void findsTheFirstNonFiniteValueInCOrderAndCountsThemAll() {
    INDArray a = randn(1, 4, 5);
    a.putScalar(new long[] {3, 1}, Float.POSITIVE_INFINITY);
    a.putScalar(new long[] {2, 3}, Float.NaN);
    NetworkChecks.NonFinite bad = NetworkChecks.findNonFinite(a).orElseThrow();
    assertEquals("NaN", bad.kind());
    assertArrayEquals(new long[] {2, 3}, bad.index());
    assertEquals(2, bad.count());
    assertEquals(20, bad.total());
    assertEquals("holds NaN at index [2, 3] (2 of 20 values are NaN or infinite)", bad.describe());
  }

  @Test
  void aViewIsIndexedByItsOwnShape() {
    INDArray a = randn(2, 4, 5);
    a.putScalar(new long[] {1, 3}, Float.NEGATIVE_INFINITY);
    NetworkChecks.NonFinite bad = NetworkChecks.findNonFinite(a.transpose()).orElseThrow();
    assertArrayEquals(new long[] {3, 1}, bad.index());
    assertEquals("-Infinity", bad.kind());
  }

  @Test
  void finiteFloatsIntegersAndEmptyTensorsPass() {
    assertTrue(NetworkChecks.findNonFinite(randn(3, 6, 7)).isEmpty());
    assertTrue(NetworkChecks.findNonFinite(signs(4, 3, 3)).isEmpty());
    assertTrue(NetworkChecks.findNonFinite(Nd4j.createFromArray(new byte[] {1, -1})).isEmpty());
    assertTrue(NetworkChecks.findNonFinite(Nd4j.empty(DataType.FLOAT)).isEmpty());
    INDArray huge = Nd4j.valueArrayOf(new long[] {4}, Float.MAX_VALUE, DataType.FLOAT);
    assertTrue(NetworkChecks.findNonFinite(huge).isEmpty(), "the largest float is finite");
  }

  @Test
  void parametersAreNamedAsInNetworkJson() {
    Map<String, INDArray> dense =
        NetworkChecks.parameters(
            new Layer.Dense(new Weights.FullPrecision(randn(5, 3, 4)), randn(6, 3)));
    assertEquals(List.of("weight", "bias"), List.copyOf(dense.keySet()));
    Map<String, INDArray> binary =
        NetworkChecks.parameters(
            new Layer.Conv2d(
                3, 1, 1, new Weights.Binary(signs(7, 2, 1, 3, 3), positive(8, 2)), null));
    assertEquals(List.of("signs", "alpha"), List.copyOf(binary.keySet()));
    Map<String, INDArray> bn =
        NetworkChecks.parameters(
            new Layer.BatchNorm(randn(1, 2), randn(2, 2), randn(3, 2), positive(4, 2), 1e-5));
    assertEquals(List.of("gamma", "beta", "mean", "variance"), List.copyOf(bn.keySet()));
    assertTrue(NetworkChecks.parameters(new Layer.Relu()).isEmpty());
  }

  @Test
  void requireFiniteNamesSourceNodeParameterAndAdvice() {
    Network ok = NetworkIOTest.everyLayer();
    assertDoesNotThrow(() -> NetworkChecks.requireFinite(ok, "x", "y"));
    Network bad =
        ok.mapNodes(
            n -> {
              if (!n.name().equals("fc1")) {
                return n;
              }
              Layer.Weighted d = n.layer().asWeighted().orElseThrow();
              INDArray bias = d.bias().dup();
              bias.putScalar(6, Float.NaN);
              return n.withLayer(d.withParameters(d.weights(), bias));
            });
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> NetworkChecks.requireFinite(bad, "the network trained by 'sgd'", "lower it"));
    assertEquals(
        "the network trained by 'sgd': node 'fc1' parameter 'bias' holds NaN at index [6]"
            + " (1 of 8 values is NaN or infinite); lower it",
        e.getMessage());
  }

  @Test
  void scalesMustBeFiniteAndPositive() {
    INDArray one = Nd4j.scalar(DataType.FLOAT, 1f).reshape(1);
    assertDoesNotThrow(
        () -> NetworkChecks.requireValidScales(new LayerScales(Map.of("relu1", one)), "p"));
    UserFacingException nan =
        assertThrows(
            UserFacingException.class,
            () ->
                NetworkChecks.requireValidScales(
                    new LayerScales(Map.of("relu2", Nd4j.createFromArray(2f, Float.NaN, 1f))),
                    "channel-percentile"));
    assertTrue(
        nan.getMessage()
            .startsWith(
                "normalizer 'channel-percentile' gave layer 'relu2' a threshold scale that holds"
                    + " NaN at index [1]"),
        nan.getMessage());
    UserFacingException zero =
        assertThrows(
            UserFacingException.class,
            () ->
                NetworkChecks.requireValidScales(
                    new LayerScales(Map.of("relu3", Nd4j.createFromArray(0.5f, 0f))), "p"));
    assertTrue(zero.getMessage().contains("layer 'relu3'"), zero.getMessage());
    assertTrue(zero.getMessage().contains("is 0.0 (lambdas must be > 0)"), zero.getMessage());
  }

  @Test
  void activationErrorNamesTheLayerAndTheImage() {
    INDArray act = Nd4j.zeros(DataType.FLOAT, 3, 4);
    act.putScalar(new long[] {2, 1}, Float.NaN);
    Node node = Node.of("fc1", new Layer.Relu(), Network.INPUT);
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> NetworkChecks.requireFiniteActivation(node, act, "on the calibration images"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "the output of layer 'fc1' (relu) on the calibration images holds NaN at index"
                    + " [2, 1]"),
        e.getMessage());
  }
}
