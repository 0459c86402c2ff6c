package org.bsnn.experiments.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.bsnn.api.bench.Benchmark;
import org.bsnn.api.util.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bsnn bench [ID [ARGS]]}: lists benchmarks, or runs one. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run a benchmark (speed goals live here, not in timed tests).",
      "Without an id, list the benchmarks."
    })
public final class BenchCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ID",
      description = "Benchmark id; see the list.")
  String id;

  @Parameters(index = "1..*", paramLabel = "ARG", description = "Benchmark arguments.")
  List<String> args = new ArrayList<>();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<Benchmark> all = new ArrayList<>();
    ServiceLoader.load(Benchmark.class, BsnnCli.of(spec).pluginLoader()).forEach(all::add);
    all.sort(Comparator.comparing(Benchmark::id));
    if (id == null) {
      all.forEach(
          b -> System.out.println(String.format(Locale.ROOT, "%-20s %s", b.id(), b.description())));
      return 0;
    }
    Benchmark benchmark =
        all.stream()
            .filter(b -> b.id().equals(id))
            .findFirst()
            .orElseThrow(
                () ->
                    new UserFacingException(
                        "no benchmark '"
                            + id
                            + "'; known: "
                            + String.join(", ", all.stream().map(Benchmark::id).toList())));
    benchmark.run(args, System.out);
    return 0;
  }
}
