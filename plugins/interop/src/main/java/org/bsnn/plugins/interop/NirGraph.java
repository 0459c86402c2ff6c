package org.bsnn.plugins.interop;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flat NIR graph as the file holds it (the layout of nir's {@code serialization.py}): the root
 * dataset {@code version}; the group {@code node} with {@code type = "NIRGraph"}, one group per
 * node under {@code node/nodes/<name>} (its {@code type} string and parameter datasets), the edges
 * as an {@code [n, 2]} string dataset {@code node/edges} (source, target), and an optional {@code
 * node/metadata} group of datasets.
 *
 * @param version the NIR version written in the file
 * @param nodes node name to node, in file order
 * @param edges (source, target) pairs, in file order; several edges into one node are summed
 * @param metadata graph metadata: dataset name to a {@link String}, {@link Tensor} or {@code
 *     String[]}
 */
record NirGraph(
    String version, Map<String, Node> nodes, List<Edge> edges, Map<String, Object> metadata) {

  /** The NIR version whose layout the exporter writes. */
  static final String VERSION = "1.0.0";

  /** Copies the maps, keeping their order. */
  NirGraph {
    nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    edges = List.copyOf(edges);
    metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /**
   * One NIR node.
   *
   * @param type the NIR type, e.g. "Conv2d", "IF"
   * @param fields parameter datasets by name: when written, values jHDF writes (nested float
   *     arrays, {@code long[]}, {@link Long}, {@link String}); when read, {@link Tensor} or {@link
   *     String}
   */
  record Node(String type, Map<String, Object> fields) {
    /** Copies the fields, keeping their order. */
    Node {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }

  /** An edge: the output of {@code source} is added to the input of {@code target}. */
  record Edge(String source, String target) {}

  /**
   * A numeric dataset as read: its shape ({@code []} for a scalar) and its values in C order, as
   * float32 (float64 data is rounded; integers are exact up to 2^24).
   *
   * @param shape the dataset's dimensions
   * @param values the values, C order
   * @param dtype the stored element type, e.g. "float32", "int64"
   */
  record Tensor(long[] shape, float[] values, String dtype) {
    /** Number of values. */
    int size() {
      return values.length;
    }

    @Override
    public String toString() {
      return dtype + Arrays.toString(shape);
    }
  }
}
