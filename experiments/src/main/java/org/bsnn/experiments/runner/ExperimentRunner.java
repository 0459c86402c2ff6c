package org.bsnn.experiments.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.results.JobProvenance;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;
import org.bsnn.api.results.RunInfo;
import org.bsnn.api.util.AtomicFiles;
import org.bsnn.api.util.IoErrors;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.api.util.WorkbenchVersion;
import org.bsnn.experiments.config.ComposedExperiment;
import org.bsnn.experiments.config.ExperimentComposer;
import org.bsnn.experiments.executor.ExecutorSpec;
import org.bsnn.experiments.executor.Executors;
import org.bsnn.experiments.executor.JobExecutor;
import org.bsnn.experiments.executor.JobFiles;
import org.bsnn.experiments.executor.JobSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs an experiment file: compose, validate everything, check data and saved networks ({@link
 * Preflight}), create and lock the run directory, run each job (skipping jobs a resumed run already
 * finished), and merge the results.
 *
 * <p>Run directory: {@code <results>/runs/<experiment>/<yyyy-MM-dd'T'HH-mm-ss>_<git7>/} with {@code
 * config.yaml}, {@code overrides.txt}, {@code provenance.json}, {@code results.csv}, {@code
 * run.log}, {@code run.lock} and {@code jobs/<n>/}; {@code FAILED} when an error ended the run. A
 * job is complete when its {@code jobs/<n>/results.csv} exists; every file is written atomically,
 * so an interrupted run leaves no half-written results.
 */
public final class ExperimentRunner {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss").withZone(ZoneOffset.UTC);

  /**
   * Where things are and how to run.
   *
   * @param home the workbench checkout (git state, default locations)
   * @param resultsRoot the results folder (run directories go to {@code runs/} below it)
   * @param confDir the option files, {@code experiments/conf}
   * @param resume a run directory to continue, {@code "latest"} for the newest matching one, or
   *     empty
   */
  public record Settings(Path home, Path resultsRoot, Path confDir, Optional<String> resume) {}

  /**
   * What a run produced.
   *
   * @param runDirectory the run directory
   * @param rows all result rows, sorted
   * @param jobsRun jobs computed in this invocation
   * @param jobsSkipped jobs already complete (resumed run)
   */
  public record Summary(Path runDirectory, List<ResultRow> rows, int jobsRun, int jobsSkipped) {}

  private final Settings settings;
  private final PluginRegistry registry;
  private final ConsoleLog log;
  private final Clock clock;
  private final ClassLoader executorLoader;

  /** A runner; executors other than local are looked up with this class's loader. */
  public ExperimentRunner(Settings settings, PluginRegistry registry, ConsoleLog log, Clock clock) {
    this(settings, registry, log, clock, ExperimentRunner.class.getClassLoader());
  }

  /** A runner looking up executors (services of {@link JobExecutor.Factory}) with a loader. */
  public ExperimentRunner(
      Settings settings,
      PluginRegistry registry,
      ConsoleLog log,
      Clock clock,
      ClassLoader executorLoader) {
    this.settings = settings;
    this.registry = registry;
    this.log = log;
    this.clock = clock;
    this.executorLoader = executorLoader;
  }

  /** Composes and validates without running anything (for {@code --dry-run} and {@code show}). */
  public Plan plan(Path file, List<String> overrides, List<String> multirun) {
    ComposedExperiment experiment =
        new ExperimentComposer(settings.confDir()).compose(file, overrides, multirun);
    List<ResolvedJob> jobs = new ExperimentValidator(registry).validate(experiment);
    return new Plan(
        experiment,
        jobs,
        RunFiles.configYaml(experiment, jobs),
        multirun,
        ExecutorSpec.read(file, overrides));
  }

  /**
   * A validated experiment.
   *
   * @param experiment the composition
   * @param jobs resolved jobs
   * @param configYaml the text of config.yaml
   * @param multirun the {@code -m} sweeps it was composed with
   * @param executor where its jobs run (not part of config.yaml: it changes no result)
   */
  public record Plan(
      ComposedExperiment experiment,
      List<ResolvedJob> jobs,
      String configYaml,
      List<String> multirun,
      ExecutorSpec executor) {

    /** The same plan run by another executor. */
    public Plan withExecutor(ExecutorSpec other) {
      return new Plan(experiment, jobs, configYaml, multirun, other);
    }
  }

  /**
   * The converted spiking network of one job of {@code plan}, as its simulator would get it (after
   * normalization, conversion and design-time optimizers), without simulating: for {@code bsnn
   * export-nir}. Trained networks come from (and go to) the shared cache as in a run; the stages'
   * work folders go to a temporary folder that is deleted afterwards, so no run folder is made.
   *
   * @param index the job's 0-based number; empty when the plan has exactly one job
   */
  public org.bsnn.api.snn.SpikingNetwork convertJob(Plan plan, Optional<Integer> index) {
    List<Integer> indices = plan.jobs().stream().map(j -> j.spec().index()).toList();
    if (index.isEmpty() && plan.jobs().size() != 1) {
      throw new UserFacingException(
          "the experiment has "
              + plan.jobs().size()
              + " jobs "
              + indices
              + "; choose one with --job N (see `bsnn run FILE --dry-run`)");
    }
    ResolvedJob job =
        index.isEmpty()
            ? plan.jobs().get(0)
            : plan.jobs().stream()
                .filter(j -> j.spec().index() == index.get())
                .findFirst()
                .orElseThrow(
                    () ->
                        new UserFacingException(
                            "no job "
                                + index.get()
                                + " in the experiment; its jobs are "
                                + indices));
    new Preflight(settings.resultsRoot().resolve("cache"), log, this::progress).check(List.of(job));
    Path work;
    try {
      work = Files.createTempDirectory("bsnn-convert-");
    } catch (IOException e) {
      throw new UserFacingException("cannot create a temporary folder: " + IoErrors.describe(e), e);
    }
    try {
      return new JobRunner(
              work,
              settings.resultsRoot().resolve("cache"),
              log,
              this::progress,
              plan.experiment().name(),
              GitInfo.read(settings.home()).codeVersion(WorkbenchVersion.get()))
          .convert(job);
    } finally {
      deleteTree(work);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder left behind is harmless; the OS cleans its temp directory
    }
  }

  /**
   * Runs a validated plan. What can be checked without computing (data files, saved networks, the
   * results folder) is checked before the run folder is created; an error after that writes the
   * message to the folder's {@code FAILED} file. The run folder is locked ({@link RunLock}) while
   * this runs.
   */
  public Summary run(Plan plan) {
    boolean resume = settings.resume().isPresent();
    Optional<Path> complete = settings.resume().flatMap(r -> completeRun(plan, r));
    if (complete.isPresent()) {
      // e.g. a run killed after it wrote results.csv: resuming it has nothing left to do
      Path dir = complete.get();
      log.info("--resume: " + dir + " is complete; nothing to resume");
      return new Summary(dir, ResultsCsv.read(dir.resolve("results.csv")), 0, plan.jobs().size());
    }
    // only reads: a resume without a run to continue fails before the data is loaded
    Optional<Path> resumed = settings.resume().map(r -> resumeDirectory(plan, r));
    new Preflight(settings.resultsRoot().resolve("cache"), log, this::progress).check(plan.jobs());
    // before the run folder exists: an executor that cannot start (unreachable master) leaves none
    try (JobExecutor executor = Executors.open(plan.executor(), executorLoader, log)) {
      return run(plan, resume, resumed, executor);
    }
  }

  private Summary run(Plan plan, boolean resume, Optional<Path> resumed, JobExecutor executor) {
    ComposedExperiment experiment = plan.experiment();
    GitInfo git = GitInfo.read(settings.home());
    git.problem().ifPresent(p -> log.warn("provenance: " + p));
    Path runDir = resumed.orElseGet(() -> newRunDirectory(plan, git));
    RunLock lock;
    try {
      lock = RunLock.acquire(runDir, clock.instant(), log);
    } catch (RuntimeException e) {
      if (!resume) {
        deleteNewRunDirectory(runDir);
      }
      throw e;
    }
    try (lock) {
      if (resume) {
        clearFailure(runDir);
      }
      return runLocked(plan, runDir, git, executor);
    } catch (RuntimeException | Error e) {
      RunFolders.markFailed(
          runDir, e instanceof UserFacingException ? e.getMessage() : "internal error: " + e, log);
      throw e;
    }
  }

  private void clearFailure(Path runDir) {
    Path failed = runDir.resolve(RunFolders.FAILED);
    if (Files.isRegularFile(failed)) {
      log.info("resuming a failed run; it failed with: " + RunFolders.failure(runDir));
      try {
        Files.delete(failed);
      } catch (IOException e) {
        throw new UserFacingException(
            "cannot remove "
                + failed
                + ": "
                + IoErrors.describe(e)
                + "; the run folder must be writable",
            e);
      }
    }
  }

  private static void deleteNewRunDirectory(Path dir) {
    try {
      Files.deleteIfExists(dir.resolve(RunLock.FILE));
      Files.deleteIfExists(dir.resolve("config.yaml"));
      Files.deleteIfExists(dir.resolve("overrides.txt"));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a folder left behind lists as interrupted, with 0 jobs done
    }
  }

  /**
   * What ND4J's start-up banner says (backend, BLAS vendor, cores, threads, memory), which the CLI
   * keeps off the terminal unless {@code --verbose}: one line for run.log.
   */
  private static String numericalBackend() {
    Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
    StringBuilder line = new StringBuilder("ND4J environment:");
    new TreeMap<>(env)
        .forEach(
            (key, value) -> {
              if (!(value instanceof Map)) { // per-device transfer counters: empty on a CPU
                line.append(' ').append(key).append('=').append(value);
              }
            });
    return line.toString();
  }

  private Summary runLocked(Plan plan, Path runDir, GitInfo git, JobExecutor executor) {
    ComposedExperiment experiment = plan.experiment();
    String codeVersion = git.codeVersion(WorkbenchVersion.get());
    try {
      log.attach(runDir.resolve("run.log"));
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write run.log in " + runDir + ": " + IoErrors.describe(e), e);
    }
    log.info("run directory: " + runDir);
    log.fileOnly(numericalBackend());
    RunInfo info = runInfo(experiment, git, runDir);

    List<ResultRow> rows = new ArrayList<>();
    Map<Integer, JobProvenance> provenance = new TreeMap<>();
    List<ResolvedJob> pending = new ArrayList<>();
    for (ResolvedJob job : plan.jobs()) {
      Path jobDir = jobDir(runDir, job);
      Path jobCsv = jobDir.resolve("results.csv");
      Path jobProv = jobDir.resolve("provenance.json");
      if (Files.isRegularFile(jobCsv) && Files.isRegularFile(jobProv)) {
        log.info("job " + job.spec().index() + " already complete; skipping");
        rows.addAll(ResultsCsv.read(jobCsv));
        provenance.put(job.spec().index(), readJobProvenance(jobProv));
      } else {
        pending.add(job);
        // a job killed while saving left temporary files; the run lock makes them ours to delete
        int removed = AtomicFiles.removeLeftovers(jobDir);
        if (removed > 0) {
          log.info(
              "job "
                  + job.spec().index()
                  + ": removed "
                  + removed
                  + " temporary file(s) left by an interrupted write");
        }
      }
    }
    AtomicFiles.removeLeftovers(runDir);
    int skipped = plan.jobs().size() - pending.size();
    JobSource source =
        new JobSource(
            settings.home().toString(),
            experiment.file().toAbsolutePath().toString(),
            experiment.overrides(),
            plan.multirun(),
            settings.confDir().toAbsolutePath().toString(),
            settings.resultsRoot().toAbsolutePath().toString(),
            experiment.name(),
            codeVersion);
    Stored stored = new Stored(runDir, info, rows, provenance);
    if (!pending.isEmpty()) {
      if (!plan.executor().local()) {
        log.info("executor: " + plan.executor());
      }
      executor.run(pending, new Driver(source, runDir, stored));
    }
    int run = pending.size();
    rows.sort(ResultRow.ORDER);
    RunFiles.writeProvenance(
        runDir.resolve("provenance.json"), info, new ArrayList<>(provenance.values()));
    ResultsCsv.write(runDir.resolve("results.csv"), rows);
    Headline.lines(rows).forEach(log::info);
    log.info(
        "results: "
            + runDir.resolve("results.csv")
            + " ("
            + rows.size()
            + " rows, "
            + run
            + " jobs run, "
            + skipped
            + " resumed)");
    return new Summary(runDir, rows, run, skipped);
  }

  private static Path jobDir(Path runDir, ResolvedJob job) {
    return runDir.resolve("jobs").resolve(Integer.toString(job.spec().index()));
  }

  /** What the run has so far: rows and provenance of every stored job. */
  private record Stored(
      Path runDir, RunInfo info, List<ResultRow> rows, Map<Integer, JobProvenance> provenance) {

    /** Adds a finished job (its files are written) and rewrites the run's provenance. */
    synchronized void add(List<ResultRow> jobRows, JobProvenance jobProvenance) {
      rows.addAll(jobRows);
      provenance.put(jobProvenance.index(), jobProvenance);
      RunFiles.writeProvenance(
          runDir.resolve("provenance.json"), info, new ArrayList<>(provenance.values()));
    }
  }

  /** The run directory's side of an executor: runs jobs here, or writes those run elsewhere. */
  private final class Driver implements JobExecutor.Driver {
    private final JobSource source;
    private final Path runDir;
    private final Stored stored;

    Driver(JobSource source, Path runDir, Stored stored) {
      this.source = source;
      this.runDir = runDir;
      this.stored = stored;
    }

    @Override
    public JobSource source() {
      return source;
    }

    @Override
    public void runHere(ResolvedJob job, SimulationStep simulation) {
      Path jobDir = jobDir(runDir, job);
      JobRunner runner =
          new JobRunner(
              jobDir,
              settings.resultsRoot().resolve("cache"),
              log,
              ExperimentRunner.this::progress,
              source.experiment(),
              source.codeVersion(),
              simulation);
      JobRunner.Outcome outcome;
      try {
        outcome = runner.run(job);
      } catch (RuntimeException e) {
        log.warn(
            "job "
                + job.spec().index()
                + " failed: "
                + e.getMessage()
                + "; completed jobs are kept, rerun with --resume to continue");
        throw e;
      }
      RunFiles.writeJobProvenance(jobDir.resolve("provenance.json"), outcome.provenance());
      ResultsCsv.write(jobDir.resolve("results.csv"), outcome.rows());
      stored.add(outcome.rows(), outcome.provenance());
    }

    @Override
    public void store(ResolvedJob job, JobFiles files) {
      Path jobDir = jobDir(runDir, job);
      files.log().forEach(line -> log.fileOnly("job " + job.spec().index() + ": " + line));
      // artefacts first, then provenance, results.csv last: a job is complete when both exist
      List<String> order = new ArrayList<>(files.files().keySet());
      order.sort(
          Comparator.comparing((String f) -> f.equals("results.csv"))
              .thenComparing(f -> f.equals("provenance.json"))
              .thenComparing(Comparator.naturalOrder()));
      for (String name : order) {
        Path target = jobDir.resolve(name).normalize();
        if (!target.startsWith(jobDir)) {
          throw new IllegalStateException("job file outside its folder: " + name);
        }
        byte[] content = files.files().get(name);
        AtomicFiles.write(target, out -> out.write(content));
      }
      stored.add(
          ResultsCsv.read(jobDir.resolve("results.csv")),
          readJobProvenance(jobDir.resolve("provenance.json")));
    }
  }

  private org.bsnn.api.run.Progress progress(String task, Long total) {
    return new ConsoleProgress(task, total, log.console(), log, System::nanoTime, 5_000_000_000L);
  }

  private static JobProvenance readJobProvenance(Path file) {
    try {
      return RunFiles.readJobProvenance(file);
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot read "
              + file
              + " of the resumed run: "
              + e.getMessage()
              + "; delete that job's directory to recompute it",
          e);
    }
  }

  /**
   * A new run folder holding the composed {@code config.yaml} and {@code overrides.txt} from its
   * first moment, so that a run killed right after it started can still be found and resumed.
   */
  private Path newRunDirectory(Plan plan, GitInfo git) {
    ComposedExperiment experiment = plan.experiment();
    Path dir = newEmptyRunDirectory(experiment.name(), git);
    try {
      AtomicFiles.writeString(dir.resolve("config.yaml"), plan.configYaml());
      AtomicFiles.writeString(
          dir.resolve("overrides.txt"),
          String.join("\n", experiment.overrides())
              + (experiment.overrides().isEmpty() ? "" : "\n"));
    } catch (RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
    return dir;
  }

  private Path newEmptyRunDirectory(String experiment, GitInfo git) {
    Path parent = settings.resultsRoot().resolve("runs").resolve(experiment);
    String base = STAMP.format(clock.instant()) + "_" + git.shortCommit();
    try {
      Files.createDirectories(parent);
      for (int i = 1; ; i++) {
        Path dir = parent.resolve(i == 1 ? base : base + "-" + i);
        try {
          return Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          // two runs in the same second: take the next suffix
        }
      }
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot create a run directory under "
              + parent
              + ": "
              + IoErrors.describe(e)
              + "; make it writable or choose another results folder with --results-dir",
          e);
    }
  }

  /**
   * The run {@code --resume} names when it is already complete: the given folder, or for the
   * default, the newest complete run with this configuration when no interrupted one exists.
   */
  private Optional<Path> completeRun(Plan plan, String resume) {
    if (!resume.equals("latest")) {
      Path dir = Path.of(resume);
      return Files.isRegularFile(dir.resolve("results.csv"))
              && Files.isRegularFile(dir.resolve("config.yaml"))
              && AtomicFiles.readString(dir.resolve("config.yaml")).equals(plan.configYaml())
          ? Optional.of(dir)
          : Optional.empty();
    }
    Path parent = settings.resultsRoot().resolve("runs").resolve(plan.experiment().name());
    try (Stream<Path> dirs = Files.isDirectory(parent) ? Files.list(parent) : Stream.empty()) {
      List<Path> same =
          dirs.filter(Files::isDirectory)
              .filter(
                  d ->
                      Files.isRegularFile(d.resolve("config.yaml"))
                          && AtomicFiles.readString(d.resolve("config.yaml"))
                              .equals(plan.configYaml()))
              .toList();
      if (same.stream().anyMatch(d -> !Files.exists(d.resolve("results.csv")))) {
        return Optional.empty(); // an interrupted one: resume that
      }
      return same.stream().max(Comparator.comparing(d -> d.getFileName().toString()));
    } catch (IOException e) {
      throw new UserFacingException("cannot list " + parent + ": " + IoErrors.describe(e), e);
    }
  }

  private Path resumeDirectory(Plan plan, String resume) {
    Path parent = settings.resultsRoot().resolve("runs").resolve(plan.experiment().name());
    if (!resume.equals("latest")) {
      Path dir = Path.of(resume);
      Path config = dir.resolve("config.yaml");
      if (!Files.isRegularFile(config)) {
        throw new UserFacingException(
            "cannot resume " + dir + ": it has no config.yaml (is it a run directory?)");
      }
      if (!AtomicFiles.readString(config).equals(plan.configYaml())) {
        throw new UserFacingException(
            "cannot resume "
                + dir
                + ": its config.yaml differs from the composed experiment; "
                + "rerun with the same file and overrides, or start a new run without --resume");
      }
      return dir;
    }
    try (Stream<Path> dirs = Files.isDirectory(parent) ? Files.list(parent) : Stream.empty()) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> !Files.exists(d.resolve("results.csv")))
          .filter(
              d ->
                  Files.isRegularFile(d.resolve("config.yaml"))
                      && AtomicFiles.readString(d.resolve("config.yaml")).equals(plan.configYaml()))
          .max(Comparator.comparing(d -> d.getFileName().toString()))
          .orElseThrow(
              () ->
                  new UserFacingException(
                      "--resume: no interrupted run of '"
                          + plan.experiment().name()
                          + "' with the same configuration under "
                          + parent
                          + "; start a new run without --resume"));
    } catch (IOException e) {
      throw new UserFacingException("cannot list " + parent + ": " + IoErrors.describe(e), e);
    }
  }

  private RunInfo runInfo(ComposedExperiment experiment, GitInfo git, Path runDir) {
    String sha;
    try {
      sha = Hashing.sha256(experiment.file());
    } catch (IOException e) {
      sha = "unreadable";
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("availableProcessors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    env.put(
        "OMP_NUM_THREADS", Optional.ofNullable(System.getenv("OMP_NUM_THREADS")).orElse("(unset)"));
    env.put("maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
    env.put(
        "javacpp.maxbytes",
        Optional.ofNullable(System.getProperty("org.bytedeco.javacpp.maxbytes")).orElse("(unset)"));
    Path relative = settings.resultsRoot().toAbsolutePath().relativize(runDir.toAbsolutePath());
    return new RunInfo(
        WorkbenchVersion.get(),
        git.commit(),
        git.dirty(),
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        experiment.file().toString(),
        sha,
        experiment.overrides(),
        clock.instant().toString(),
        relative.toString(),
        env);
  }
}
