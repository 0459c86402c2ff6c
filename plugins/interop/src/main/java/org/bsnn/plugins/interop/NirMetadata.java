package org.bsnn.plugins.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;

/**
 * The workbench's semantics that NIR's nodes cannot carry, written as datasets of the graph's
 * {@code metadata} group (which nir reads into {@code NIRGraph.metadata}). All names start with
 * {@code bsnn_}; the importer reads them back, and files without them get NIR's defaults.
 *
 * <p>NIR's {@code IF} has no initial state, so an IF node whose neurons do not all start at
 * potential 0 gets two entries keyed by its name: {@code bsnn_initial_potential.<node>}, the
 * absolute start of every neuron as a float32 tensor of the node's shape (like its {@code
 * v_threshold}), and {@code bsnn_initial_potential_shape.<node>}, the start's shape before
 * expansion. Nodes without them start at 0, as in NIR. (There is no global initial-potential entry:
 * a single number cannot say per-layer starts.)
 */
final class NirMetadata {

  /** Marks a file written by the workbench. */
  static final String FORMAT = "bsnn_format";

  static final String FORMAT_VALUE = "bsnn-workbench spiking network, NIR layout 1";

  /** The network's name. */
  static final String NAME = "bsnn_name";

  /** How images enter: "direct" (analog current every timestep) or "poisson". */
  static final String ENCODING = "bsnn_encoding";

  /** "pipelined" (one timestep of delay per spiking layer) or "same_step". */
  static final String PROPAGATION = "bsnn_propagation";

  /** "potential" (argmax of the output's accumulated potential) or "spike_count". */
  static final String READOUT = "bsnn_readout";

  /** The firing rule: NIR's IF fires when v > v_threshold, the workbench's when v >= it. */
  static final String FIRING_RULE = "bsnn_firing_rule";

  static final String FIRING_RULE_VALUE = "v >= v_threshold";

  /**
   * Prefix of the per-node start: {@code bsnn_initial_potential.<node>} holds every neuron's
   * potential before the first timestep, expanded to the node's shape; only for nodes that do not
   * start at 0.
   */
  static final String INITIAL_POTENTIAL = "bsnn_initial_potential.";

  /** Prefix of the per-node start's shape before expansion, e.g. "[1]" or "[64, 1, 1]". */
  static final String INITIAL_POTENTIAL_SHAPE = "bsnn_initial_potential_shape.";

  /** The spiking nodes (IF and I) in the workbench's order, the output last. */
  static final String NODE_ORDER = "bsnn_node_order";

  /** Per node of {@link #NODE_ORDER}: "subtract" (v -= v_threshold), "zero", or "none" (I). */
  static final String RESET = "bsnn_reset";

  /** Per node of {@link #NODE_ORDER}: the threshold's shape, e.g. "[1]" or "[64, 1, 1]". */
  static final String THRESHOLD_SHAPE = "bsnn_threshold_shape";

  /** The Scale nodes that carry a projection's scale, and that scale's shape. */
  static final String SCALE_NODES = "bsnn_scale_nodes";

  static final String SCALE_SHAPES = "bsnn_scale_shapes";

  /** What the converter and optimizers did ({@code key=value}), for provenance. */
  static final String NOTES = "bsnn_notes";

  private NirMetadata() {}

  /**
   * The metadata of {@code net}.
   *
   * @param scaleShapes the exporter's Scale nodes and the shapes of their scales
   * @param nodeShapes every spiking node's output shape (without the batch), to expand starts to
   */
  static Map<String, Object> of(
      SpikingNetwork net, Map<String, long[]> scaleShapes, Map<String, long[]> nodeShapes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(FORMAT, FORMAT_VALUE);
    m.put(NAME, net.name());
    m.put(ENCODING, lower(net.encoding()));
    m.put(PROPAGATION, lower(net.propagation()));
    m.put(READOUT, lower(net.readout()));
    m.put(FIRING_RULE, FIRING_RULE_VALUE);
    List<String> order = new ArrayList<>();
    List<String> reset = new ArrayList<>();
    List<String> thresholdShape = new ArrayList<>();
    Map<String, Object> starts = new LinkedHashMap<>();
    for (SpikingNode node : net.nodes()) {
      order.add(node.name());
      switch (node.neuron()) {
        case Neuron.IntegrateAndFire f -> {
          reset.add(lower(f.reset()));
          thresholdShape.add(Arrays.toString(f.threshold().shape()));
          if (!f.startsAtZero()) {
            starts.put(
                INITIAL_POTENTIAL + node.name(),
                NirArrays.broadcast(f.initialPotential(), nodeShapes.get(node.name())));
            starts.put(
                INITIAL_POTENTIAL_SHAPE + node.name(),
                Arrays.toString(f.initialPotential().shape()));
          }
        }
        case Neuron.Integrator i -> {
          reset.add("none");
          thresholdShape.add("[]");
        }
      }
    }
    m.put(NODE_ORDER, order.toArray(String[]::new));
    m.put(RESET, reset.toArray(String[]::new));
    m.put(THRESHOLD_SHAPE, thresholdShape.toArray(String[]::new));
    m.putAll(starts);
    if (!scaleShapes.isEmpty()) {
      m.put(SCALE_NODES, scaleShapes.keySet().toArray(String[]::new));
      m.put(
          SCALE_SHAPES, scaleShapes.values().stream().map(Arrays::toString).toArray(String[]::new));
    }
    if (!net.notes().isEmpty()) {
      m.put(
          NOTES,
          net.notes().entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .toArray(String[]::new));
    }
    return m;
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** A text entry of {@code metadata}, if present. */
  static Optional<String> text(Map<String, Object> metadata, String key) {
    return metadata.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** A string-array entry of {@code metadata}, if present. */
  static Optional<List<String>> texts(Map<String, Object> metadata, String key) {
    return switch (metadata.get(key)) {
      case String[] a -> Optional.of(List.of(a));
      case String s -> Optional.of(List.of(s));
      case null, default -> Optional.empty();
    };
  }

  /** Parses a shape written by {@link Arrays#toString(long[])}, e.g. "[64, 1, 1]". */
  static long[] parseShape(String text) {
    String inner = text.trim();
    if (!inner.startsWith("[") || !inner.endsWith("]")) {
      throw new IllegalArgumentException("not a shape: '" + text + "'");
    }
    inner = inner.substring(1, inner.length() - 1).trim();
    if (inner.isEmpty()) {
      return new long[0];
    }
    return Arrays.stream(inner.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
  }
}
