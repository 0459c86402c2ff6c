package org.bsnn.api.stage;

/**
 * A role in the fixed experiment template. Every plugin implements exactly one of the permitted
 * sub-interfaces, so "what can this plugin do" is a type question and the runner can switch over
 * stages exhaustively.
 *
 * <p>The order in which the runner calls them is fixed (see {@link StageKind}); plugins never call
 * each other or the runner.
 */
public sealed interface Stage
    permits DatasetSource,
        Architecture,
        Trainer,
        Binarizer,
        Normalizer,
        Converter,
        Optimizer,
        Simulator,
        Metric,
        HardwareModel {

  /**
   * Checks, before the run folder is created and before any computation, what this stage will read
   * (files, saved networks) against the dataset it will see, so that bad input fails with nothing
   * written. Called by the runner once per job with the dataset's shape and classes; the default
   * checks nothing. A check that cannot be done cheaply is left to the stage itself: an error it
   * raises later marks the run folder failed.
   *
   * @param data the job's dataset: image shape, classes, names, checksums
   * @throws org.bsnn.api.util.UserFacingException naming the problem and what to do
   */
  default void preflight(org.bsnn.api.data.DatasetInfo data) {}
}
