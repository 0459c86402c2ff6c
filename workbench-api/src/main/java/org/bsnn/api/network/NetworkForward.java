package org.bsnn.api.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.results.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a {@link Network} forward on batches and infers its shapes.
 *
 * <p>Intermediate activations live off-heap; {@link #run} frees each one as soon as the last node
 * that reads it has run, so memory is bounded by the widest "cut" of the DAG, not by its depth.
 */
public final class NetworkForward {

  private NetworkForward() {}

  /**
   * Per-sample output shape of every node, validating the whole network.
   *
   * @return node name to shape without the batch dimension (e.g. {@code [16, 14, 14]} or {@code
   *     [10]}), in topological order; the network input is not included
   * @throws IllegalArgumentException naming the first node whose inputs do not fit it, or when the
   *     output node does not produce flat class scores {@code [classes]}
   */
  public static Map<String, long[]> shapes(Network net) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    Map<String, long[]> known = new HashMap<>();
    known.put(Network.INPUT, net.inputShape());
    for (Node node : net.nodes()) {
      List<long[]> ins = new ArrayList<>(node.inputs().size());
      for (String in : node.inputs()) {
        ins.add(known.get(in));
      }
      long[] out;
      try {
        out = LayerOps.outputShape(node.layer(), ins);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "network '"
                + net.name()
                + "', node '"
                + node.name()
                + "' ("
                + node.layer().type()
                + ", inputs "
                + node.inputs()
                + "): "
                + e.getMessage(),
            e);
      }
      known.put(node.name(), out);
      shapes.put(node.name(), out);
    }
    long[] scores = shapes.get(net.output());
    if (scores.length != 1) {
      throw new IllegalArgumentException(
          "network '"
              + net.name()
              + "': output node '"
              + net.output()
              + "' must produce class scores [classes], got "
              + Arrays.toString(scores));
    }
    return shapes;
  }

  /** {@link #run(Network, INDArray, BiConsumer)} without a tap. */
  public static INDArray run(Network net, INDArray input) {
    return run(net, input, null);
  }

  /**
   * Runs the network on a batch.
   *
   * @param net the network (validated with {@link #shapes} first)
   * @param input {@code [n] + net.inputShape()}, float32; not modified or closed
   * @param tap called with every node and its output {@code [n, ...]} in topological order, or
   *     {@code null}. The array is valid only during the call (it may be closed afterwards) and
   *     must not be modified or closed by the tap; {@code dup()} it to keep it.
   * @return the output node's activation {@code [n, classes]}, a new array the caller closes
   * @throws IllegalArgumentException if the network or the input shape is invalid
   */
  public static INDArray run(Network net, INDArray input, BiConsumer<Node, INDArray> tap) {
    shapes(net);
    long[] expected = net.inputShape();
    if (input.rank() != 4 || !Arrays.equals(Arrays.copyOfRange(input.shape(), 1, 4), expected)) {
      throw new IllegalArgumentException(
          "network '"
              + net.name()
              + "' expects input [n, "
              + expected[0]
              + ", "
              + expected[1]
              + ", "
              + expected[2]
              + "], got "
              + Arrays.toString(input.shape()));
    }
    // Remaining readers per activation: a node's output is closed when the last node that reads
    // it has run. Counting distinct consumers keeps add(x, x) from double-decrementing.
    Map<String, Integer> readers = new HashMap<>();
    for (Node node : net.nodes()) {
      for (String in : new LinkedHashSet<>(node.inputs())) {
        readers.merge(in, 1, Integer::sum);
      }
    }
    Map<String, INDArray> live = new HashMap<>();
    live.put(Network.INPUT, input);
    try {
      for (Node node : net.nodes()) {
        List<INDArray> ins = new ArrayList<>(node.inputs().size());
        for (String in : node.inputs()) {
          ins.add(live.get(in));
        }
        INDArray out = LayerOps.apply(node.layer(), ins);
        live.put(node.name(), out);
        if (tap != null) {
          tap.accept(node, out);
        }
        for (String in : new LinkedHashSet<>(node.inputs())) {
          if (readers.merge(in, -1, Integer::sum) == 0) {
            release(net, in, live);
          }
        }
        if (!readers.containsKey(node.name())) {
          release(net, node.name(), live);
        }
      }
      return live.remove(net.output());
    } finally {
      // On success only the output was kept (and removed above); on failure free everything.
      for (Map.Entry<String, INDArray> e : live.entrySet()) {
        if (!e.getKey().equals(Network.INPUT)) {
          closeQuietly(e.getValue());
        }
      }
    }
  }

  /** Closes an activation nobody reads any more, except the caller's input and the output. */
  private static void release(Network net, String name, Map<String, INDArray> live) {
    if (name.equals(Network.INPUT) || name.equals(net.output())) {
      return;
    }
    INDArray a = live.remove(name);
    if (a != null) {
      a.close();
    }
  }

  private static void closeQuietly(INDArray a) {
    if (a != null && !a.wasClosed() && a.closeable()) {
      a.close();
    }
  }

  /**
   * Evaluates the network on a split.
   *
   * @param net the network; its output must be class scores {@code [n, classes]}
   * @param split the data, read with {@link DataSplit#batches(int)} in file order
   * @param batchSize images per forward pass, at least 1
   * @return per sample: true label, argmax class (the lowest index among ties), and scores
   */
  public static Evaluation.AnnPredictions predict(Network net, DataSplit split, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    int expected = split.size();
    int[] labels = new int[expected];
    int[] predictions = new int[expected];
    float[][] scores = new float[expected][];
    int count = 0;
    Iterator<Batch> batches = split.batches(batchSize);
    while (batches.hasNext()) {
      try (Batch batch = batches.next();
          INDArray out = run(net, batch.features())) {
        float[][] rows = out.toFloatMatrix();
        if (count + rows.length > expected) {
          throw new IllegalStateException(
              "split yielded more than its size() of " + expected + " images");
        }
        for (int i = 0; i < rows.length; i++) {
          labels[count] = batch.labels()[i];
          predictions[count] = argmax(rows[i]);
          scores[count] = rows[i];
          count++;
        }
      }
    }
    if (count != expected) {
      throw new IllegalStateException(
          "split yielded " + count + " images but size() is " + expected);
    }
    return new Evaluation.AnnPredictions(labels, predictions, scores);
  }

  private static int argmax(float[] row) {
    int best = 0;
    for (int k = 1; k < row.length; k++) {
      if (row[k] > row[best]) {
        best = k;
      }
    }
    return best;
  }
}
