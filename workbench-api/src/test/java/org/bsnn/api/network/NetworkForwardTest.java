package org.bsnn.api.network;

import static org.bsnn.api.network.TestArrays.maxDiff;
import static org.bsnn.api.network.TestArrays.naiveConv;
import static org.bsnn.api.network.TestArrays.naiveDense;
import static org.bsnn.api.network.TestArrays.naivePool;
import static org.bsnn.api.network.TestArrays.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.results.Evaluation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class NetworkForwardTest {

  private final INDArray convW = randn(1, 2, 1, 3, 3);
  private final INDArray convB = randn(2, 2);
  private final INDArray denseW = randn(3, 3, 8);
  private final INDArray denseB = randn(4, 3);

  /** input [1,4,4] -> conv(2, k3, p1) -> relu -> avgpool(2) -> flatten [8] -> dense [3]. */
  private Network smallConvNet() {
    return new Network(
        "small",
        new long[] {1, 4, 4},
        List.of(
            Node.of(
                "conv",
                new Layer.Conv2d(3, 1, 1, new Weights.FullPrecision(convW), convB),
                Network.INPUT),
            Node.of("relu", new Layer.Relu(), "conv"),
            Node.of("pool", new Layer.AvgPool2d(2, 2), "relu"),
            Node.of("flat", new Layer.Flatten(), "pool"),
            Node.of("fc", new Layer.Dense(new Weights.FullPrecision(denseW), denseB), "flat")),
        "fc");
  }

  @Test
  void smallConvNetEqualsManualComputation() {
    INDArray x = randn(5, 3, 1, 4, 4);
    INDArray conv = naiveConv(x, convW, convB, 1, 1);
    INDArray relu = Transforms.relu(conv, true);
    INDArray pool = naivePool(relu, 2, 2, false);
    INDArray expected = naiveDense(pool.reshape('c', 3, 8), denseW, denseB);

    INDArray y = NetworkForward.run(smallConvNet(), x);
    assertTrue(maxDiff(expected, y) < 1e-4, "max diff " + maxDiff(expected, y));
    assertFalse(x.wasClosed(), "the caller's input is never closed");
  }

  @Test
  void shapesAreInTopologicalOrder() {
    Map<String, long[]> shapes = NetworkForward.shapes(smallConvNet());
    assertEquals(List.of("conv", "relu", "pool", "flat", "fc"), new ArrayList<>(shapes.keySet()));
    assertArrayEquals(new long[] {2, 4, 4}, shapes.get("conv"));
    assertArrayEquals(new long[] {2, 2, 2}, shapes.get("pool"));
    assertArrayEquals(new long[] {8}, shapes.get("flat"));
    assertArrayEquals(new long[] {3}, shapes.get("fc"));
  }

  @Test
  void shapesNameTheNodeThatDoesNotFit() {
    Network bad =
        new Network(
            "bad",
            new long[] {1, 5, 5},
            List.of(
                Node.of(
                    "conv",
                    new Layer.Conv2d(3, 1, 0, new Weights.FullPrecision(convW), convB),
                    Network.INPUT),
                Node.of("flat", new Layer.Flatten(), "conv"),
                Node.of("fc", new Layer.Dense(new Weights.FullPrecision(denseW), denseB), "flat")),
            "fc");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NetworkForward.shapes(bad));
    assertTrue(
        e.getMessage().contains("'fc'")
            && e.getMessage().contains("expects 8 input features, got 18"),
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> NetworkForward.run(bad, randn(1, 1, 1, 5, 5)));
  }

  @Test
  void outputMustBeClassScores() {
    Network noFlat =
        new Network(
            "n",
            new long[] {1, 4, 4},
            List.of(Node.of("relu", new Layer.Relu(), Network.INPUT)),
            "relu");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NetworkForward.shapes(noFlat));
    assertTrue(e.getMessage().contains("'relu'"), e.getMessage());
  }

  @Test
  void wrongInputShapeIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NetworkForward.run(smallConvNet(), randn(1, 2, 3, 4, 4)));
    assertTrue(e.getMessage().contains("[n, 1, 4, 4]"), e.getMessage());
  }

  @Test
  void intermediatesAreClosedAndTheOutputIsKept() {
    INDArray x = randn(6, 2, 1, 4, 4);
    Map<String, INDArray> seen = new LinkedHashMap<>();
    INDArray y =
        NetworkForward.run(
            smallConvNet(),
            x,
            (node, a) -> {
              assertFalse(a.wasClosed(), "tap sees a live array");
              seen.put(node.name(), a);
            });
    assertEquals(List.of("conv", "relu", "pool", "flat", "fc"), new ArrayList<>(seen.keySet()));
    for (String name : List.of("conv", "relu", "pool", "flat")) {
      assertTrue(seen.get(name).wasClosed(), name + " should be closed after the run");
    }
    assertFalse(y.wasClosed());
    assertTrue(y == seen.get("fc"));
    assertFalse(x.wasClosed());
  }

  @Test
  void residualBranchStaysAliveUntilItsLastReader() {
    // input -> a (relu) -> b (dropout) -> sum = add(a, b) -> flat -> fc ; 'a' has two readers
    INDArray w = randn(7, 2, 16);
    Network net =
        new Network(
            "res",
            new long[] {1, 4, 4},
            List.of(
                Node.of("a", new Layer.Relu(), Network.INPUT),
                Node.of("b", new Layer.Dropout(0.1), "a"),
                new Node("sum", new Layer.Add(), List.of("a", "b")),
                Node.of("flat", new Layer.Flatten(), "sum"),
                Node.of("fc", new Layer.Dense(new Weights.FullPrecision(w), null), "flat")),
            "fc");
    INDArray x = randn(8, 3, 1, 4, 4);
    Map<String, Boolean> aClosedWhenSeen = new LinkedHashMap<>();
    Map<String, INDArray> seen = new LinkedHashMap<>();
    INDArray y =
        NetworkForward.run(
            net,
            x,
            (node, a) -> {
              if (seen.containsKey("a")) {
                aClosedWhenSeen.put(node.name(), seen.get("a").wasClosed());
              }
              seen.put(node.name(), a);
            });
    assertEquals(Map.of("b", false, "sum", false, "flat", true, "fc", true), aClosedWhenSeen);
    INDArray expected = naiveDense(Transforms.relu(x, true).mul(2).reshape('c', 3, 16), w, null);
    assertTrue(maxDiff(expected, y) < 1e-4);
    seen.forEach((name, a) -> assertEquals(!name.equals("fc"), a.wasClosed(), name));
  }

  @Test
  void failureClosesWhatWasAllocated() {
    Map<String, INDArray> seen = new LinkedHashMap<>();
    assertThrows(
        IllegalStateException.class,
        () ->
            NetworkForward.run(
                smallConvNet(),
                randn(9, 2, 1, 4, 4),
                (node, a) -> {
                  seen.put(node.name(), a);
                  if (node.name().equals("pool")) {
                    throw new IllegalStateException("tap failed");
                  }
                }));
    seen.values().forEach(a -> assertTrue(a.wasClosed()));
  }

  @Test
  void predictCollectsArgmaxLabelsAndScoresAndClosesBatches() {
    // A dense net on a 1x1x3 "image": scores are the pixels themselves (identity weights).
    Network net =
        new Network(
            "id",
            new long[] {1, 1, 3},
            List.of(
                Node.of("flat", new Layer.Flatten(), Network.INPUT),
                Node.of(
                    "fc",
                    new Layer.Dense(
                        new Weights.FullPrecision(
                            Nd4j.eye(3).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)),
                        null),
                    "flat")),
            "fc");
    float[][] images = {{0f, 2f, 1f}, {5f, 1f, 1f}, {0f, 0f, 3f}, {1f, 1f, 0f}, {0f, 4f, 9f}};
    int[] labels = {1, 0, 0, 1, 2};
    List<Batch> handedOut = new ArrayList<>();
    DataSplit split = new ListSplit(images, labels, handedOut);
    Evaluation.AnnPredictions p = NetworkForward.predict(net, split, 2);
    assertArrayEquals(labels, p.labels());
    assertArrayEquals(new int[] {1, 0, 2, 0, 2}, p.predictions());
    for (int i = 0; i < images.length; i++) {
      assertArrayEquals(images[i], p.scores()[i], 1e-6f);
    }
    assertEquals(0.6, p.accuracy(), 1e-9);
    assertEquals(3, handedOut.size());
    handedOut.forEach(b -> assertTrue(b.features().wasClosed()));
  }

  /** Batches of [n, 1, 1, 3] images from arrays, recording each batch it hands out. */
  private record ListSplit(float[][] images, int[] labels, List<Batch> handedOut)
      implements DataSplit {
    @Override
    public int size() {
      return labels.length;
    }

    @Override
    public Iterator<Batch> batches(int batchSize) {
      return new Iterator<>() {
        int next = 0;

        @Override
        public boolean hasNext() {
          return next < labels.length;
        }

        @Override
        public Batch next() {
          int end = Math.min(labels.length, next + batchSize);
          float[][] rows = java.util.Arrays.copyOfRange(images, next, end);
          int[] l = java.util.Arrays.copyOfRange(labels, next, end);
          next = end;
          float[] flat = new float[rows.length * 3];
          for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, 3 * i, 3);
          }
          // Nd4j.create, not createFromArray(..).reshape(..): close() silently skips views
          Batch b = new Batch(Nd4j.create(flat, new long[] {rows.length, 1, 1, 3}, 'c'), l);
          handedOut.add(b);
          return b;
        }
      };
    }

    @Override
    public Iterator<Batch> trainingBatches(int batchSize, SplittableRandom random) {
      return batches(batchSize);
    }

    @Override
    public DataSplit head(int n) {
      throw new UnsupportedOperationException();
    }
  }
}
