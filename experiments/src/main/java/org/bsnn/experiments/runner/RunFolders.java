package org.bsnn.experiments.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;
import org.bsnn.api.util.AtomicFiles;
import org.bsnn.api.util.IoErrors;
import org.bsnn.api.util.UserFacingException;

/**
 * The run folders under {@code <results>/runs/<experiment>/} and their status: complete (it has
 * {@code results.csv}), failed (it has a {@code FAILED} file with the message), running (a live
 * process holds its {@link RunLock}) or interrupted (none of these: killed, or stopped with Ctrl-C;
 * {@code --resume} continues it).
 */
public final class RunFolders {

  /** The file that marks a run failed; it holds the error message. */
  public static final String FAILED = "FAILED";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The metrics shown as a run's headline, first present wins. */
  private static final List<String> HEADLINE = List.of("snn-final-accuracy", "ann-accuracy");

  private RunFolders() {}

  /** A run folder's status. */
  public enum Status {
    COMPLETE,
    FAILED,
    RUNNING,
    INTERRUPTED;

    /** Lower case, as printed. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One run folder.
   *
   * @param dir the folder
   * @param experiment the experiment's name (the parent folder)
   * @param status its status
   * @param detail the failure's message, the lock holder, or the jobs done; "" for a complete run
   */
  public record Run(Path dir, String experiment, Status status, String detail) {

    /** The commit in the folder's name ({@code <time>_<commit>[-n]}). */
    public String commit() {
      String name = dir.getFileName().toString();
      int us = name.indexOf('_');
      if (us < 0) {
        return "?";
      }
      String commit = name.substring(us + 1);
      int dash = commit.indexOf('-');
      return dash > 0 ? commit.substring(0, dash) : commit;
    }

    /** The seeds in {@code config.yaml}; empty when it cannot be read. */
    public List<Long> seeds() {
      JsonNode config = config(dir);
      List<Long> seeds = new ArrayList<>();
      config.path("seeds").forEach(s -> seeds.add(s.asLong()));
      return seeds;
    }

    /**
     * The headline numbers of a complete run: per variant, the SNN's final accuracy (else the
     * ANN's), averaged over seeds, e.g. "binarize=none snn 91.70%"; empty for other runs.
     */
    public List<String> headline() {
      if (status != Status.COMPLETE) {
        return List.of();
      }
      List<ResultRow> rows;
      try {
        rows = ResultsCsv.read(dir.resolve("results.csv"));
      } catch (RuntimeException e) {
        return List.of("(results.csv unreadable)");
      }
      for (String metric : HEADLINE) {
        Map<String, double[]> byVariant = new LinkedHashMap<>();
        for (ResultRow r : rows) {
          if (r.metric().equals(metric) && r.timestep().isEmpty()) {
            double[] sum = byVariant.computeIfAbsent(r.variant(), k -> new double[2]);
            sum[0] += r.value();
            sum[1]++;
          }
        }
        if (!byVariant.isEmpty()) {
          String what = metric.startsWith("snn") ? "snn" : "ann";
          List<String> out = new ArrayList<>();
          byVariant.forEach(
              (variant, sum) ->
                  out.add(
                      String.format(
                          Locale.ROOT, "%s %s %.2f%%", variant, what, 100 * sum[0] / sum[1])));
          return out;
        }
      }
      return List.of();
    }
  }

  /** The status of one run folder. */
  public static Run read(Path dir) {
    String experiment =
        dir.toAbsolutePath().getParent() == null
            ? "?"
            : dir.toAbsolutePath().getParent().getFileName().toString();
    if (Files.isRegularFile(dir.resolve("results.csv"))) {
      return new Run(dir, experiment, Status.COMPLETE, "");
    }
    Optional<RunLock.Holder> holder = RunLock.holder(dir);
    if (holder.isPresent() && holder.get().alive()) {
      return new Run(dir, experiment, Status.RUNNING, holder.get().toString());
    }
    if (Files.isRegularFile(dir.resolve(FAILED))) {
      return new Run(dir, experiment, Status.FAILED, failure(dir));
    }
    return new Run(dir, experiment, Status.INTERRUPTED, jobsDone(dir));
  }

  /**
   * Every run folder under {@code runsRoot} ({@code <results>/runs}), newest first, of one
   * experiment or of all.
   */
  public static List<Run> list(Path runsRoot, Optional<String> experiment) {
    List<Path> parents = new ArrayList<>();
    if (experiment.isPresent()) {
      Path p = runsRoot.resolve(experiment.get());
      if (!Files.isDirectory(p)) {
        throw new UserFacingException(
            "no runs of '"
                + experiment.get()
                + "' under "
                + runsRoot
                + (Files.isDirectory(runsRoot)
                    ? "; experiments with runs: " + String.join(", ", names(runsRoot))
                    : ""));
      }
      parents.add(p);
    } else if (Files.isDirectory(runsRoot)) {
      names(runsRoot).forEach(n -> parents.add(runsRoot.resolve(n)));
    }
    List<Run> runs = new ArrayList<>();
    for (Path parent : parents) {
      for (String name : names(parent)) {
        runs.add(read(parent.resolve(name)));
      }
    }
    runs.sort(
        Comparator.comparing((Run r) -> r.dir().getFileName().toString())
            .thenComparing(Run::experiment)
            .reversed());
    return runs;
  }

  /** The message of a failed run (first line of its {@code FAILED} file). */
  public static String failure(Path dir) {
    try {
      String text = Files.readString(dir.resolve(FAILED), StandardCharsets.UTF_8).strip();
      int nl = text.indexOf('\n');
      return nl < 0 ? text : text.substring(0, nl) + " ...";
    } catch (IOException e) {
      return "(FAILED file unreadable)";
    }
  }

  /** Marks a run folder failed; never throws (a run that cannot be marked is reported). */
  static void markFailed(Path dir, String message, org.bsnn.api.run.RunLog log) {
    try {
      AtomicFiles.writeString(dir.resolve(FAILED), message.strip() + "\n");
      log.warn("run marked failed: " + dir.resolve(FAILED));
    } catch (RuntimeException e) {
      log.warn("cannot mark " + dir + " failed: " + e.getMessage());
    }
  }

  /**
   * Refuses a folder holding a failed or unfinished run, for commands that read results.
   *
   * @throws UserFacingException naming the status and the failure
   */
  public static void requireResults(Path dir, String command) {
    if (!Files.isDirectory(dir) || Files.isRegularFile(dir.resolve("results.csv"))) {
      return;
    }
    if (!Files.isRegularFile(dir.resolve("config.yaml"))) {
      return; // not a run folder: the command's own checks apply
    }
    Run run = read(dir);
    throw new UserFacingException(
        dir
            + " is a "
            + run.status().label()
            + " run ("
            + run.detail()
            + "), it has no results.csv; "
            + command
            + " needs a complete run ("
            + (run.status() == Status.RUNNING
                ? "wait for it to finish"
                : "--resume continues it, or choose another run")
            + "; `bsnn runs "
            + run.experiment()
            + "` lists them)");
  }

  private static JsonNode config(Path dir) {
    try {
      return YAML.readTree(dir.resolve("config.yaml").toFile());
    } catch (IOException | RuntimeException e) {
      return YAML.createObjectNode();
    }
  }

  private static String jobsDone(Path dir) {
    int total = config(dir).path("jobs").size();
    long done;
    Path jobs = dir.resolve("jobs");
    try (Stream<Path> s = Files.isDirectory(jobs) ? Files.list(jobs) : Stream.empty()) {
      done = s.filter(j -> Files.isRegularFile(j.resolve("results.csv"))).count();
    } catch (IOException e) {
      done = 0;
    }
    return done + " of " + total + " jobs done";
  }

  private static List<String> names(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UserFacingException("cannot list " + dir + ": " + IoErrors.describe(e), e);
    }
  }
}
