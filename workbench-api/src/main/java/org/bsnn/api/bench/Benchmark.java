package org.bsnn.api.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * A benchmark run by {@code bsnn bench ID [ARGS]}: speed goals live in benchmarks, not in timed
 * unit tests. Implementations are listed in {@code META-INF/services/org.bsnn.api.bench.Benchmark}
 * of any module, so the CLI finds them without depending on that module. A benchmark prints {@code
 * key=value} lines and reports ratios measured in one run where it compares things.
 */
public interface Benchmark {

  /** Stable kebab-case id, e.g. "data-loading". */
  String id();

  /** One sentence: what is measured and what the arguments are. */
  String description();

  /**
   * Runs the benchmark.
   *
   * @param args benchmark-specific arguments
   * @param out where the {@code key=value} results go
   * @throws Exception on failure; {@link org.bsnn.api.util.UserFacingException} for bad arguments
   */
  void run(List<String> args, PrintStream out) throws Exception;
}
