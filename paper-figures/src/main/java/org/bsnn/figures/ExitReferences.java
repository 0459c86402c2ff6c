package org.bsnn.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, for a job simulated with early exit, the fixed-T reference among the report's inputs: a
 * job of the same networks on the same images simulated without early exit, whose per-timestep
 * accuracy ({@code snn-accuracy}) says how many timesteps a fixed-T run needs for a given accuracy.
 *
 * <p>"The same networks" means the same seed and equal resolved configs (plugin and every key, as
 * provenance.json records them) of the stages that make and simulate the network: {@link
 * #MATCHED_STAGES}, plus any design-time optimizer (threshold scaling, same-step propagation),
 * since those change the latency too. The run-time exit optimizers and the evaluate and hardware
 * stages may differ: they measure, they do not change the network. Without provenance.json nothing
 * can be matched, which the lookup says.
 */
final class ExitReferences {

  /** The stages whose resolved configs must be equal. */
  static final List<String> MATCHED_STAGES =
      List.of("dataset", "model", "train", "binarize", "normalize", "convert", "simulate");

  /** Optimizer plugin ids starting with this are run-time exits (early-exit, early-exit-margin). */
  static final String EXIT_OPTIMIZER_PREFIX = "early-exit";

  /** The metric that marks a variant as simulated with early exit. */
  static final String EXIT_METRIC = "exit-accuracy";

  /** The per-timestep accuracy of a fixed-T run. */
  static final String SERIES_METRIC = "snn-accuracy";

  /** How many differing settings a miss names before "and N more". */
  private static final int DIFFERENCES_SHOWN = 3;

  /**
   * One job's results, with its provenance.
   *
   * @param experiment the experiment's results
   * @param variant the sweep point
   * @param seed the seed
   * @param run the run directory's provenance
   * @param job the job's recorded stages
   */
  record JobResults(
      ExperimentResults experiment,
      Variant variant,
      long seed,
      RunProvenance run,
      RunProvenance.Job job) {
    /** "`experiment` (run `dir`, variant)" for the report. */
    String describe() {
      return "`"
          + experiment.experiment()
          + "` (run `"
          + run.runDir().getFileName()
          + "`, "
          + variant.name()
          + ")";
    }
  }

  /**
   * The answer for one job with early exit: the reference, or why there is none and what to add.
   *
   * @param reference the matched no-exit job, first in input order
   * @param accuracy the reference's {@code snn-accuracy} by timestep
   * @param matches how many no-exit jobs matched (more than one: the first is used)
   * @param missing empty when matched, else why not, as a sentence without the final full stop
   */
  record Lookup(
      Optional<JobResults> reference,
      SortedMap<Integer, Double> accuracy,
      int matches,
      String missing) {
    static Lookup miss(String why) {
      return new Lookup(Optional.empty(), new TreeMap<>(), 0, why);
    }
  }

  private final List<RunProvenance> provenance;

  /** Jobs without exit that have an snn-accuracy series, in input order. */
  private final List<JobResults> candidates = new ArrayList<>();

  /**
   * @param experiments every experiment of the report
   * @param provenance every run directory's provenance
   */
  ExitReferences(List<ExperimentResults> experiments, List<RunProvenance> provenance) {
    this.provenance = List.copyOf(provenance);
    for (ExperimentResults e : experiments) {
      for (Variant v : e.variantsWith(SERIES_METRIC)) {
        if (!e.scalarBySeed(v, EXIT_METRIC).isEmpty()) {
          continue;
        }
        for (long seed : e.seeds(v)) {
          job(e, v, seed).ifPresent(candidates::add);
        }
      }
    }
  }

  /** The fixed-T reference of one job with early exit. */
  Lookup find(ExperimentResults e, Variant v, long seed) {
    Optional<JobResults> exitJob = job(e, v, seed);
    if (exitJob.isEmpty()) {
      return Lookup.miss(
          "no provenance.json records "
              + v.name()
              + " seed "
              + seed
              + " of `"
              + e.experiment()
              + "`, so its networks cannot be matched with a run without exit; report on run directories, not results.csv "
              + "files");
    }
    SortedMap<String, String> wanted = networkSettings(exitJob.get().job());
    List<JobResults> matches = new ArrayList<>();
    JobResults closest = null;
    List<String> closestDiff = null;
    for (JobResults c : candidates) {
      if (c.seed() != seed) {
        continue;
      }
      List<String> diff = differences(wanted, networkSettings(c.job()));
      if (diff.isEmpty()) {
        matches.add(c);
      } else if (closestDiff == null || diff.size() < closestDiff.size()) {
        closest = c;
        closestDiff = diff;
      }
    }
    if (!matches.isEmpty()) {
      JobResults m = matches.get(0);
      return new Lookup(
          Optional.of(m),
          m.experiment().seriesOfSeed(m.variant(), SERIES_METRIC, seed),
          matches.size(),
          "");
    }
    String add =
        "give the run directory of the same networks without early exit too (seed "
            + seed
            + "; same "
            + String.join(", ", MATCHED_STAGES)
            + " settings"
            + namedFile(exitJob.get().run())
            + ")";
    if (closest == null) {
      return Lookup.miss(
          "no run without early exit"
              + (candidates.isEmpty() ? "" : " with seed " + seed)
              + " among the inputs: "
              + add);
    }
    String shown =
        String.join(", ", closestDiff.subList(0, Math.min(DIFFERENCES_SHOWN, closestDiff.size())))
            + (closestDiff.size() > DIFFERENCES_SHOWN
                ? " and " + (closestDiff.size() - DIFFERENCES_SHOWN) + " more"
                : "");
    return Lookup.miss(
        "no run without early exit of the same networks among the inputs; the closest, "
            + closest.describe()
            + ", differs in "
            + shown
            + "; "
            + add);
  }

  /**
   * ", e.g. the run of x.yaml that its description names" when the exit experiment's description
   * names a file.
   */
  private static String namedFile(RunProvenance run) {
    Matcher m = Pattern.compile("[A-Za-z0-9_.-]+\\.ya?ml").matcher(run.description());
    String own = run.experimentFile().replaceAll(".*/", "");
    TreeSet<String> named = new TreeSet<>();
    while (m.find()) {
      if (!m.group().equals(own)) {
        named.add(m.group());
      }
    }
    return named.isEmpty()
        ? ""
        : ", e.g. the run of "
            + String.join(" or ", named)
            + ", which this experiment's "
            + "description names";
  }

  /**
   * The run-time exit optimizers a variant's jobs used (e.g. "early-exit"), joined with ", "; empty
   * when no job of it is recorded.
   */
  String exitRule(ExperimentResults e, Variant v) {
    for (long seed : e.seeds(v)) {
      Optional<JobResults> j = job(e, v, seed);
      if (j.isPresent()) {
        TreeSet<String> rules = new TreeSet<>();
        j.get().job().settings().keySet().stream()
            .map(k -> k.split("\\.", 3))
            .filter(
                p ->
                    p[0].equals("optimize")
                        && p.length > 1
                        && p[1].startsWith(EXIT_OPTIMIZER_PREFIX))
            .forEach(p -> rules.add(p[1]));
        return String.join(", ", rules);
      }
    }
    return "";
  }

  /**
   * The settings two jobs of the same networks share: those of {@link #MATCHED_STAGES} and of the
   * design-time optimizers.
   */
  static SortedMap<String, String> networkSettings(RunProvenance.Job job) {
    SortedMap<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> s : job.settings().entrySet()) {
      String[] parts = s.getKey().split("\\.", 3);
      boolean matched = MATCHED_STAGES.contains(parts[0]);
      boolean designTime =
          parts[0].equals("optimize")
              && parts.length > 1
              && !parts[1].startsWith(EXIT_OPTIMIZER_PREFIX);
      if (matched || designTime) {
        out.put(s.getKey(), s.getValue());
      }
    }
    return out;
  }

  /** "key = theirs (with exit: ours)" for every setting that differs, in key order. */
  static List<String> differences(
      SortedMap<String, String> withExit, SortedMap<String, String> candidate) {
    TreeSet<String> keys = new TreeSet<>(withExit.keySet());
    keys.addAll(candidate.keySet());
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      String a = withExit.get(k);
      String b = candidate.get(k);
      if (a == null || !a.equals(b)) {
        out.add(
            k
                + " = "
                + (b == null ? "unset" : b)
                + " (with exit: "
                + (a == null ? "unset" : a)
                + ")");
      }
    }
    return out;
  }

  private Optional<JobResults> job(ExperimentResults e, Variant v, long seed) {
    for (RunProvenance p : provenance) {
      if (!p.experiment().isEmpty() && !p.experiment().equals(e.experiment())) {
        continue;
      }
      Optional<RunProvenance.Job> j = p.job(v.name(), seed);
      if (j.isPresent()) {
        return Optional.of(new JobResults(e, v, seed, p, j.get()));
      }
    }
    return Optional.empty();
  }
}
