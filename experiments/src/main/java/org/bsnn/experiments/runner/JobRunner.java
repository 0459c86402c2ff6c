package org.bsnn.experiments.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkChecks;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.NetworkIO;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.JobProvenance;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.StageProvenance;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunLog;
import org.bsnn.api.snn.ShardableSimulation;
import org.bsnn.api.snn.SimulationShard;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.Architecture;
import org.bsnn.api.stage.Binarizer;
import org.bsnn.api.stage.Converter;
import org.bsnn.api.stage.DatasetSource;
import org.bsnn.api.stage.HardwareModel;
import org.bsnn.api.stage.Metric;
import org.bsnn.api.stage.Normalizer;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.api.stage.Simulator;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.stage.Trainer;
import org.bsnn.api.util.UserFacingException;

/**
 * Runs one job through the fixed template: dataset, model, train (+ binarize), normalize, convert,
 * optimize (prepare), simulate (+ optimize at run time), evaluate, hardware. The order lives here
 * and nowhere else; plugins only see their own inputs.
 */
public final class JobRunner {

  /** Batch size for the ANN's evaluation pass (memory, not results, depends on it). */
  private static final int EVAL_BATCH = 256;

  private final Path jobDir;
  private final Path cacheDir;
  private final RunLog log;
  private final BiFunction<String, Long, Progress> progress;
  private final String experiment;
  private final String codeVersion;
  private final SimulationStep simulation;

  /**
   * A runner writing artefacts under {@code jobDir} that simulates in this process.
   *
   * @param cacheDir shared content-addressed cache for artefacts such as trained networks
   * @param codeVersion workbench version and commit, written in every row
   */
  public JobRunner(
      Path jobDir,
      Path cacheDir,
      RunLog log,
      BiFunction<String, Long, Progress> progress,
      String experiment,
      String codeVersion) {
    this(jobDir, cacheDir, log, progress, experiment, codeVersion, SimulationStep.LOCAL);
  }

  /** A runner whose simulation stage runs through {@code simulation} (e.g. split into shards). */
  public JobRunner(
      Path jobDir,
      Path cacheDir,
      RunLog log,
      BiFunction<String, Long, Progress> progress,
      String experiment,
      String codeVersion,
      SimulationStep simulation) {
    this.jobDir = jobDir;
    this.cacheDir = cacheDir;
    this.log = log;
    this.progress = progress;
    this.experiment = experiment;
    this.codeVersion = codeVersion;
    this.simulation = simulation;
  }

  /**
   * The rows and provenance of a finished job.
   *
   * @param rows result rows, unsorted
   * @param provenance the job's provenance
   */
  public record Outcome(List<ResultRow> rows, JobProvenance provenance) {}

  /** Runs the job. */
  public Outcome run(ResolvedJob job) {
    Recorder rec = new Recorder(job);
    Prepared prepared = prepare(job, rec);
    Dataset data = prepared.data();
    DatasetInfo info = data.info();
    Network ann = prepared.ann();
    Optional<SpikingNetwork> snn = prepared.spiking();
    Optional<SimulationTrace> trace = Optional.empty();
    if (snn.isPresent()) {
      ResolvedStage simulateStage = job.one(StageKind.SIMULATE).orElseThrow();
      StageContext sctx = rec.context(simulateStage);
      trace =
          Optional.of(
              simulation.simulate(
                  new SimulationStep.Request(
                      job,
                      simulateStage.create(Simulator.class),
                      ann,
                      prepared.scales(),
                      snn.get(),
                      data.test(),
                      prepared.optimizers(),
                      sctx)));
      rec.finish(simulateStage, sctx);
    }

    Network evaluated = ann;
    Supplier<Evaluation.AnnPredictions> annPredictions =
        memoize(() -> NetworkForward.predict(evaluated, data.test(), EVAL_BATCH));
    Evaluation evaluation = new Evaluation(info, data.test(), ann, annPredictions, snn, trace);
    for (ResolvedStage s : job.all(StageKind.EVALUATE)) {
      StageContext c = rec.context(s);
      s.create(Metric.class).measure(evaluation, c).forEach(c::emit);
      rec.finish(s, c);
    }
    for (ResolvedStage s : job.all(StageKind.HARDWARE)) {
      StageContext c = rec.context(s);
      s.create(HardwareModel.class).estimate(evaluation, c).forEach(c::emit);
      rec.finish(s, c);
    }
    return rec.outcome();
  }

  /**
   * The spiking network of a job as its simulator would get it (dataset, model, training with the
   * trained-network cache, binarization, normalization, conversion, design-time optimizers),
   * without simulating or evaluating: for exporting it, e.g. to NIR.
   *
   * @throws UserFacingException when the job has no conversion stage
   */
  public SpikingNetwork convert(ResolvedJob job) {
    if (job.one(StageKind.CONVERT).isEmpty()) {
      throw new org.bsnn.api.util.UserFacingException(
          "job "
              + job.spec().index()
              + " has no convert stage, so there is no spiking network to export; add one (e.g."
              + " convert: if-neuron)");
    }
    return prepare(job, new Recorder(job)).spiking().orElseThrow();
  }

  /** What the stages before simulation produced. */
  private record Prepared(
      Dataset data,
      Network ann,
      LayerScales scales,
      Optional<SpikingNetwork> spiking,
      List<Optimizer> optimizers) {}

  /** Runs the stages up to the design-time optimizers. */
  private Prepared prepare(ResolvedJob job, Recorder rec) {
    ResolvedStage datasetStage = job.one(StageKind.DATASET).orElseThrow();
    StageContext dctx = rec.context(datasetStage);
    Dataset data = datasetStage.create(DatasetSource.class).open(dctx);
    DatasetInfo info = data.info();
    rec.finish(datasetStage, dctx);
    rec.dataChecksums = info.checksums();

    Optional<Network> initial =
        job.one(StageKind.MODEL)
            .map(
                s -> {
                  StageContext c = rec.context(s);
                  Network net = s.create(Architecture.class).build(info, c);
                  rec.finish(s, c);
                  return net;
                });

    Optional<ResolvedStage> binarizeStage = job.one(StageKind.BINARIZE);
    Optional<Binarizer> binarizer = binarizeStage.map(s -> s.create(Binarizer.class));

    // binarization takes part in training, so it belongs to what determines the trained network
    binarizeStage.ifPresent(rec::declare);
    ResolvedStage trainStage = job.one(StageKind.TRAIN).orElseThrow();
    StageContext tctx = rec.context(trainStage);
    Network trained = trainStage.create(Trainer.class).train(initial, data, binarizer, tctx);
    NetworkChecks.requireFinite(
        trained,
        "the network trained by '" + trainStage.provider().id() + "'",
        "training diverged: lower the learning rate (train.learningRate) or check the data's"
            + " normalization, and run again");
    rec.finish(trainStage, tctx);

    Network ann = trained;
    if (binarizeStage.isPresent()) {
      StageContext bctx = rec.context(binarizeStage.get());
      ann = binarizer.get().apply(trained);
      rec.finish(binarizeStage.get(), bctx);
    }
    NetworkIO.save(ann, jobDir.resolve("network"));

    Optional<SpikingNetwork> snn = Optional.empty();
    List<Optimizer> optimizers = new ArrayList<>();
    LayerScales scales = LayerScales.unit();
    if (job.one(StageKind.CONVERT).isPresent()) {
      Optional<ResolvedStage> normalizeStage = job.one(StageKind.NORMALIZE);
      if (normalizeStage.isPresent()) {
        StageContext c = rec.context(normalizeStage.get());
        scales = normalizeStage.get().create(Normalizer.class).calibrate(ann, data.train(), c);
        NetworkChecks.requireValidScales(scales, normalizeStage.get().provider().id());
        rec.finish(normalizeStage.get(), c);
      }
      ResolvedStage convertStage = job.one(StageKind.CONVERT).get();
      StageContext cctx = rec.context(convertStage);
      SpikingNetwork spiking = convertStage.create(Converter.class).convert(ann, scales, cctx);
      rec.finish(convertStage, cctx);

      for (ResolvedStage s : job.all(StageKind.OPTIMIZE)) {
        StageContext c = rec.context(s);
        Optimizer optimizer = s.create(Optimizer.class);
        spiking = optimizer.prepare(spiking, data.train(), c);
        optimizers.add(optimizer);
        rec.finish(s, c);
      }
      snn = Optional.of(spiking);
    }
    return new Prepared(data, ann, scales, snn, optimizers);
  }

  /** Opens a job's dataset as {@link #run} does (for the tasks of a sharded evaluation). */
  public Dataset openDataset(ResolvedJob job) {
    Recorder rec = new Recorder(job);
    ResolvedStage datasetStage = job.one(StageKind.DATASET).orElseThrow();
    return datasetStage.create(DatasetSource.class).open(rec.context(datasetStage));
  }

  /**
   * One shard of a job's simulation, as a task of a sharded evaluation computes it: converts {@code
   * ann} with {@code scales} and runs the design-time optimizers exactly as {@link #run} does, then
   * simulates samples {@code [from, to)} of {@code data}'s test split (opened by {@link
   * #openDataset}) with the same random streams, so the merged shards equal {@link #run}'s trace.
   *
   * @throws org.bsnn.api.util.UserFacingException when the job's simulator cannot be split
   */
  public SimulationShard simulateShard(
      ResolvedJob job, Dataset data, Network ann, LayerScales scales, int from, int to) {
    Recorder rec = new Recorder(job);
    rec.context(job.one(StageKind.DATASET).orElseThrow());
    rec.dataChecksums = data.info().checksums();
    ResolvedStage convertStage =
        job.one(StageKind.CONVERT)
            .orElseThrow(() -> new UserFacingException("job has no convert stage to shard"));
    SpikingNetwork spiking =
        convertStage.create(Converter.class).convert(ann, scales, rec.context(convertStage));
    List<Optimizer> optimizers = new ArrayList<>();
    for (ResolvedStage s : job.all(StageKind.OPTIMIZE)) {
      Optimizer optimizer = s.create(Optimizer.class);
      spiking = optimizer.prepare(spiking, data.train(), rec.context(s));
      optimizers.add(optimizer);
    }
    ResolvedStage simulateStage = job.one(StageKind.SIMULATE).orElseThrow();
    ShardableSimulation sharding = shardable(simulateStage);
    return sharding.simulateShard(
        spiking, data.test(), from, to, optimizers, rec.context(simulateStage));
  }

  /**
   * The simulate stage's loop and backend, for splitting it into shards.
   *
   * @throws org.bsnn.api.util.UserFacingException naming a simulator that cannot be split
   */
  public static ShardableSimulation shardable(ResolvedStage simulateStage) {
    return simulateStage
        .create(Simulator.class)
        .sharding()
        .orElseThrow(
            () ->
                new UserFacingException(
                    "simulator '"
                        + simulateStage.provider().id()
                        + "' cannot be split into shards; run it with executor.shards=1"));
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }

  /** Creates stage contexts and collects what each stage recorded. */
  private final class Recorder {
    private final ResolvedJob job;
    private final List<StageProvenance> stages = new ArrayList<>();
    private final List<Map.Entry<String, Measurement>> measurements = new ArrayList<>();
    private final List<Map<String, Object>> upstream = new ArrayList<>();
    private Map<String, String> dataChecksums = Map.of();

    Recorder(ResolvedJob job) {
      this.job = job;
    }

    /** Adds a stage to what later stages' upstream hashes cover, before it runs. */
    void declare(ResolvedStage stage) {
      upstream.add(identity(stage));
    }

    private Map<String, Object> identity(ResolvedStage stage) {
      Map<String, Object> self = new LinkedHashMap<>();
      self.put("stage", stage.kind().group());
      self.put("plugin", stage.provider().id());
      self.put("config", stage.configMap());
      return self;
    }

    StageContext context(ResolvedStage stage) {
      upstream.add(identity(stage));
      String upstreamHash =
          Hashing.shortHash(
              Map.of(
                  "seed",
                  job.spec().seed(),
                  "data",
                  dataChecksums,
                  "stages",
                  List.copyOf(upstream)));
      Path work = jobDir.resolve(stage.kind().group() + "-" + stage.provider().id());
      log.info(
          "job "
              + job.spec().index()
              + " ["
              + job.spec().variant()
              + ", seed "
              + job.spec().seed()
              + "] "
              + stage.kind().group()
              + ": "
              + stage.provider().id());
      return new StageContext(
          job.spec().seed(),
          stage.kind().group(),
          stage.provider().id(),
          work,
          cacheDir,
          log,
          progress,
          upstreamHash);
    }

    void finish(ResolvedStage stage, StageContext context) {
      stages.add(
          new StageProvenance(
              stage.kind().group(),
              stage.provider().id(),
              stage.provider().version(),
              stage.configMap(),
              context.recordedProvenance()));
      context.emitted().forEach(m -> measurements.add(Map.entry(stage.kind().group(), m)));
    }

    Outcome outcome() {
      String runId =
          Hashing.shortHash(
              Map.of(
                  "config",
                  job.configHash(),
                  "seed",
                  job.spec().seed(),
                  "code",
                  codeVersion,
                  "data",
                  new java.util.TreeMap<>(dataChecksums)));
      ResultRow.JobLabel label =
          new ResultRow.JobLabel(
              experiment,
              job.spec().variant(),
              job.spec().seed(),
              runId,
              job.configHash(),
              codeVersion,
              job.spec().params());
      List<ResultRow> rows = new ArrayList<>();
      Set<String> keys = new HashSet<>();
      for (Map.Entry<String, Measurement> m : measurements) {
        for (ResultRow row : ResultRow.of(m.getValue(), label, m.getKey())) {
          if (!keys.add(row.key())) {
            throw new IllegalStateException(
                "two measurements share the key "
                    + row.key()
                    + "; each plugin must name its metrics uniquely");
          }
          rows.add(row);
        }
      }
      JobProvenance provenance =
          new JobProvenance(
              job.spec().index(),
              job.spec().variant(),
              job.spec().seed(),
              job.spec().params(),
              job.configHash(),
              runId,
              dataChecksums,
              stages);
      return new Outcome(rows, provenance);
    }
  }
}
