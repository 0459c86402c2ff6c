package org.bsnn.plugins.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkChecks;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fills a workbench network's parameters from a PyTorch state_dict by order and shape: the
 * network's parameters in node order (conv and dense: weight, then bias if the layer has one; batch
 * norm: gamma, beta, running mean, running variance) take the state_dict's tensors in file order,
 * without {@code num_batches_tracked}. PyTorch's layouts are the IR's (OIHW conv weights, [out, in]
 * dense weights, NCHW flatten), so no tensor is transposed. Names are not compared: a PyTorch
 * module's names are its author's, and its registration order is what lines it up.
 */
final class StateDictMapper {

  /** One parameter of the workbench network, as the mismatch table shows it. */
  record Slot(String name, long[] shape) {}

  private StateDictMapper() {}

  /**
   * The network with its parameters replaced by the tensors'.
   *
   * @param binary import weights that are ±alpha per output as binary weights
   * @throws UserFacingException when the count or a shape differs (showing both lists side by
   *     side), or a value is NaN or infinite
   */
  static Network map(Network net, List<StateDictTensor> all, Path file, boolean binary) {
    // the reader already leaves batch norm's step counters out; this keeps lists from elsewhere
    // to the same rule
    List<StateDictTensor> tensors =
        all.stream().filter(t -> !t.key().endsWith(PyTorchStateDict.NUM_BATCHES_TRACKED)).toList();
    List<Slot> slots = new ArrayList<>();
    for (Node node : net.nodes()) {
      slots.addAll(slots(node));
    }
    checkMatch(net, slots, tensors, file);
    Iterator<StateDictTensor> values = tensors.iterator();
    Network filled = net.mapNodes(node -> node.withLayer(fill(node.layer(), values, binary)));
    NetworkChecks.requireFinite(
        filled,
        "state_dict " + file,
        "the checkpoint holds NaN or infinity (training diverged): use an earlier checkpoint");
    return filled;
  }

  static List<Slot> slots(Node node) {
    String n = node.name();
    return switch (node.layer()) {
      case Layer.Conv2d c -> weighted(n, c);
      case Layer.Dense d -> weighted(n, d);
      case Layer.BatchNorm bn -> {
        long[] c = {bn.gamma().length()};
        yield List.of(
            new Slot(n + ".gamma", c),
            new Slot(n + ".beta", c),
            new Slot(n + ".running_mean", c),
            new Slot(n + ".running_var", c));
      }
      case Layer.AvgPool2d p -> List.of();
      case Layer.MaxPool2d p -> List.of();
      case Layer.Relu r -> List.of();
      case Layer.Qcfs q -> List.of();
      case Layer.Dropout d -> List.of();
      case Layer.Flatten f -> List.of();
      case Layer.Add a -> List.of();
      case Layer.Sign s -> List.of();
    };
  }

  private static List<Slot> weighted(String name, Layer.Weighted layer) {
    Slot weight = new Slot(name + ".weight", layer.weights().shape());
    return layer.bias() == null
        ? List.of(weight)
        : List.of(weight, new Slot(name + ".bias", new long[] {layer.bias().length()}));
  }

  private static Layer fill(Layer layer, Iterator<StateDictTensor> values, boolean binary) {
    return switch (layer) {
      case Layer.Conv2d c -> weighted(c, values, binary);
      case Layer.Dense d -> weighted(d, values, binary);
      case Layer.BatchNorm bn ->
          new Layer.BatchNorm(
              vector(values.next()),
              vector(values.next()),
              vector(values.next()),
              vector(values.next()),
              bn.epsilon());
      case Layer.AvgPool2d p -> p;
      case Layer.MaxPool2d p -> p;
      case Layer.Relu r -> r;
      case Layer.Qcfs q -> q;
      case Layer.Dropout d -> d;
      case Layer.Flatten f -> f;
      case Layer.Add a -> a;
      case Layer.Sign s -> s;
    };
  }

  private static Layer weighted(
      Layer.Weighted layer, Iterator<StateDictTensor> values, boolean binary) {
    StateDictTensor w = values.next();
    Weights weights =
        binary
            ? BinaryWeights.recognise(w.values(), w.shape())
                .<Weights>map(b -> b)
                .orElseGet(() -> full(w))
            : full(w);
    INDArray bias = layer.bias() == null ? null : vector(values.next());
    return layer.withParameters(weights, bias);
  }

  private static Weights full(StateDictTensor t) {
    return new Weights.FullPrecision(Nd4j.create(t.values(), t.shape(), DataType.FLOAT));
  }

  private static INDArray vector(StateDictTensor t) {
    return Nd4j.create(t.values(), new long[] {t.values().length}, DataType.FLOAT);
  }

  private static void checkMatch(
      Network net, List<Slot> slots, List<StateDictTensor> tensors, Path file) {
    boolean same = slots.size() == tensors.size();
    for (int i = 0; same && i < slots.size(); i++) {
      same = Arrays.equals(slots.get(i).shape(), tensors.get(i).shape());
    }
    if (same) {
      return;
    }
    throw new UserFacingException(
        file
            + ": the state_dict does not fit model '"
            + net.name()
            + "' ("
            + slots.size()
            + " parameters, the file has "
            + tensors.size()
            + " tensors without num_batches_tracked); parameters are matched by order and shape, "
            + "marked '!' where they differ:\n"
            + table(slots, tensors)
            + "use the workbench model (and model options) that the checkpoint was trained as");
  }

  /** The two lists side by side, one row per position, {@code !} on the rows that differ. */
  static String table(List<Slot> slots, List<StateDictTensor> tensors) {
    List<String> left = new ArrayList<>();
    List<String> right = new ArrayList<>();
    left.add("workbench parameter");
    right.add("state_dict key");
    for (Slot s : slots) {
      left.add(s.name() + " " + Arrays.toString(s.shape()));
    }
    for (StateDictTensor t : tensors) {
      right.add(t.key() + " " + t.shapeText());
    }
    int width = left.stream().mapToInt(String::length).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
      String l = i < left.size() ? left.get(i) : "-";
      String r = i < right.size() ? right.get(i) : "-";
      boolean differs =
          i > 0
              && (i > slots.size()
                  || i > tensors.size()
                  || !Arrays.equals(slots.get(i - 1).shape(), tensors.get(i - 1).shape()));
      out.append(differs ? "! " : "  ")
          .append(l)
          .append(" ".repeat(width - l.length()))
          .append(" | ")
          .append(r)
          .append('\n');
    }
    return out.toString();
  }
}
