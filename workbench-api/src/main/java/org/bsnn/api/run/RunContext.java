package org.bsnn.api.run;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.bsnn.api.results.Measurement;

/**
 * What the runner gives a plugin for one stage of one job. It is the only source of randomness,
 * files and output a plugin may use, so a job is reproducible from its config and seed.
 */
public interface RunContext {

  /** The job's seed. */
  long seed();

  /**
   * A generator derived deterministically from (seed, stage, plugin id, purpose): the same job gets
   * the same numbers, different purposes get independent streams.
   */
  SplittableRandom random(String purpose);

  /** A directory private to this stage of this job (checkpoints, exported networks). */
  Path workDir();

  /**
   * A directory shared across runs for content-addressed artefacts (trained networks keyed by the
   * hash of everything that determines them), so reruns need not retrain.
   */
  Path cacheDir();

  /** Console and run.log output. */
  RunLog log();

  /**
   * Starts a progress report.
   *
   * @param task what is being counted, e.g. "epoch 3/10 batches"
   * @param total units expected, or a non-positive value when unknown
   */
  Progress progress(String task, long total);

  /** Records a fact in this stage's provenance entry (e.g. computed lambdas). */
  void provenance(String key, Object value);

  /** Adds a measurement to the job's results, attributed to this stage. */
  void emit(Measurement measurement);

  /**
   * A stable hash of the upstream inputs of this stage (config of every earlier stage, seed,
   * dataset checksums): a cache key for artefacts this stage produces.
   */
  String upstreamHash();
}
