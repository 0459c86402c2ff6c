package org.bsnn.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A metric name split into its base and bracketed arguments: {@code confusion[snn][Shirt][Coat]} is
 * base {@code confusion} with arguments {@code [snn, Shirt, Coat]}; {@code ann-accuracy} has none.
 *
 * @param base the part before the first '['
 * @param args the bracketed arguments, in order
 */
public record MetricName(String base, List<String> args) {

  /** Copies the arguments. */
  public MetricName {
    args = List.copyOf(args);
  }

  /**
   * Parses a metric name; empty when brackets are unbalanced or text follows a closing bracket
   * outside another bracket.
   */
  public static Optional<MetricName> parse(String metric) {
    int open = metric.indexOf('[');
    if (open < 0) {
      return metric.indexOf(']') >= 0
          ? Optional.empty()
          : Optional.of(new MetricName(metric, List.of()));
    }
    String base = metric.substring(0, open);
    List<String> args = new ArrayList<>();
    int i = open;
    while (i < metric.length()) {
      if (metric.charAt(i) != '[') {
        return Optional.empty();
      }
      int depth = 0;
      int j = i;
      for (; j < metric.length(); j++) {
        char c = metric.charAt(j);
        if (c == '[') {
          depth++;
        } else if (c == ']') {
          depth--;
          if (depth == 0) {
            break;
          }
        }
      }
      if (j >= metric.length()) {
        return Optional.empty();
      }
      args.add(metric.substring(i + 1, j));
      i = j + 1;
    }
    return Optional.of(new MetricName(base, args));
  }

  /** True when this has the given base and number of arguments. */
  public boolean is(String expectedBase, int arity) {
    return base.equals(expectedBase) && args.size() == arity;
  }

  /** The i-th argument. */
  public String arg(int i) {
    return args.get(i);
  }
}
