package org.bsnn.plugins.normalization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class ChannelPercentileNormalizerTest {

  private static final int SAMPLES = 11;

  /**
   * conv(2->4, 3x3) - relu1 - flatten - fc(100->6) - relu2 - fc(6->2); conv channel 3 is never
   * active on non-negative input.
   */
  private static Network net() {
    INDArray w = TestTensors.randn(1, 0.5, 4, 2, 3, 3);
    w.slice(3).assign(-1.0);
    INDArray bias = TestTensors.vector(0.1, -0.2, 0.0, -0.5);
    return new Network(
        "c",
        new long[] {2, 5, 5},
        List.of(
            Node.of(
                "conv",
                new Layer.Conv2d(3, 1, 1, new Weights.FullPrecision(w), bias),
                Network.INPUT),
            Node.of("relu1", new Layer.Relu(), "conv"),
            Node.of("flatten", new Layer.Flatten(), "relu1"),
            Node.of(
                "fc",
                new Layer.Dense(
                    new Weights.FullPrecision(TestTensors.randn(2, 0.3, 6, 100)),
                    TestTensors.randn(3, 0.1, 6)),
                "flatten"),
            Node.of("relu2", new Layer.Relu(), "fc"),
            Node.of(
                "out",
                new Layer.Dense(new Weights.FullPrecision(TestTensors.randn(4, 0.3, 2, 6)), null),
                "relu2")),
        "out");
  }

  private static InMemoryDataSplit images(int n) {
    Random r = new Random(5);
    float[][] x = new float[n][50];
    for (float[] row : x) {
      for (int i = 0; i < row.length; i++) {
        row[i] = r.nextFloat();
      }
    }
    return InMemoryDataSplit.of(x, new int[n], 2, 5, 5);
  }

  /** Every activation of every channel of each ReLU, from one forward pass over all images. */
  private static Map<String, List<List<Float>>> byChannel(Network net, InMemoryDataSplit data) {
    float[][] all = new float[data.size()][];
    for (int i = 0; i < all.length; i++) {
      all[i] = data.image(i);
    }
    INDArray x =
        org.nd4j.linalg.factory.Nd4j.create(
            Arrays.stream(all)
                .flatMapToDouble(
                    a -> {
                      double[] d = new double[a.length];
                      for (int i = 0; i < a.length; i++) {
                        d[i] = a[i];
                      }
                      return Arrays.stream(d);
                    })
                .toArray(),
            new long[] {all.length, 2, 5, 5},
            org.nd4j.linalg.api.buffer.DataType.FLOAT);
    Map<String, List<List<Float>>> out = new HashMap<>();
    NetworkForward.run(
            net,
            x,
            (node, a) -> {
              if (node.layer() instanceof Layer.Relu) {
                int channels = (int) a.size(1);
                List<List<Float>> lists = new ArrayList<>();
                for (int c = 0; c < channels; c++) {
                  List<Float> values = new ArrayList<>();
                  for (int i = 0; i < a.size(0); i++) {
                    INDArray one =
                        a.rank() == 4
                            ? a.get(
                                org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(c))
                            : a.get(
                                org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(c));
                    for (float f : one.dup('c').data().asFloat()) {
                      values.add(f);
                    }
                  }
                  lists.add(values);
                }
                out.put(node.name(), lists);
              }
            })
        .close();
    return out;
  }

  /** NumPy's default (linear) percentile. */
  private static double numpyPercentile(List<Float> values, double p) {
    double[] v = values.stream().mapToDouble(Float::doubleValue).sorted().toArray();
    double pos = p / 100 * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, v.length - 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  }

  @ParameterizedTest
  @CsvSource({"99.0, true", "90.0, false", "100.0, true", "50.0, false", "75.0, true"})
  void eachChannelsLambdaIsTheExactPercentileOfItsActivationsStreamedOverBatches(
      double p, boolean zeros) {
    Network net = net();
    InMemoryDataSplit data = images(SAMPLES);
    LayerScales scales =
        new ChannelPercentileNormalizer(new ChannelPercentileConfig(p, SAMPLES, zeros, 3))
            .calibrate(net, data, new TestRunContext(0));
    Map<String, List<List<Float>>> all = byChannel(net, data);
    for (String relu : List.of("relu1", "relu2")) {
      double[] lambda = scales.of(relu).toDoubleVector();
      List<List<Float>> channels = all.get(relu);
      assertEquals(channels.size(), lambda.length, relu);
      double layerMax = 0;
      for (int c = 0; c < channels.size(); c++) {
        List<Float> population = channels.get(c).stream().filter(v -> zeros || v != 0f).toList();
        if (population.isEmpty()) {
          continue;
        }
        double expected = numpyPercentile(population, p);
        if (expected == 0) {
          expected = population.stream().mapToDouble(Float::doubleValue).max().orElseThrow();
        }
        if (expected > 0) {
          assertEquals(expected, lambda[c], 1e-6 * Math.max(1, expected), relu + " channel " + c);
          layerMax = Math.max(layerMax, expected);
        }
      }
      for (int c = 0; c < channels.size(); c++) {
        if (channels.get(c).stream().allMatch(v -> v == 0f)) {
          assertEquals(
              layerMax,
              lambda[c],
              1e-6,
              relu + " channel " + c + " never active: the layer's largest lambda");
        }
      }
    }
  }

  @Test
  void aNeverActiveChannelGetsTheLayersLargestLambdaWithAWarning() {
    TestRunContext context = new TestRunContext(0);
    LayerScales scales =
        new ChannelPercentileNormalizer(new ChannelPercentileConfig(99.0, SAMPLES, true, 4))
            .calibrate(net(), images(SAMPLES), context);
    double[] lambda = scales.of("relu1").toDoubleVector();
    assertEquals(Arrays.stream(lambda, 0, 3).max().orElseThrow(), lambda[3], 0.0);
    assertTrue(
        context.warnings().stream().anyMatch(w -> w.contains("relu1")),
        context.warnings().toString());
    @SuppressWarnings("unchecked")
    Map<String, List<String>> fallback =
        (Map<String, List<String>>) context.recordedProvenance().get("fallbackChannels");
    assertTrue(
        fallback.get("relu1").stream().anyMatch(s -> s.startsWith("3: never active")),
        fallback.toString());
    assertArrayEquals(new long[] {4}, scales.of("relu1").shape());
  }

  @Test
  void aLayerThatNeverActivatesIsAnErrorNamingIt() {
    Network silent =
        new Network(
            "s",
            new long[] {1, 1, 3},
            List.of(
                Node.of("flatten", new Layer.Flatten(), Network.INPUT),
                Node.of(
                    "fc1",
                    TestTensors.dense(new double[][] {{-1, -1, -1}, {-2, 0, -1}}, null),
                    "flatten"),
                Node.of("dead", new Layer.Relu(), "fc1"),
                Node.of("out", TestTensors.dense(new double[][] {{1, 1}}, null), "dead")),
            "out");
    InMemoryDataSplit data =
        InMemoryDataSplit.flat(new float[][] {{0.1f, 0.5f, 0.2f}, {1f, 1f, 1f}}, new int[2]);
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                new ChannelPercentileNormalizer(new ChannelPercentileConfig(99.0, 2, false, 1))
                    .calibrate(silent, data, new TestRunContext(0)));
    assertTrue(
        e.getMessage().contains("'dead'") && e.getMessage().contains("larger calibration set"),
        e.getMessage());
  }

  @Test
  void onlyTheConfiguredNumberOfImagesIsRead() {
    InMemoryDataSplit data = images(30);
    new ChannelPercentileNormalizer(new ChannelPercentileConfig(99.0, 7, false, 2))
        .calibrate(net(), data, new TestRunContext(0));
    assertEquals(
        14,
        data.imagesServed(),
        "two passes (non-zero count, then values) over the first 7 images");
  }
}
