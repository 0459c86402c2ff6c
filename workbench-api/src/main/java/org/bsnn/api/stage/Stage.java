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
        HardwareModel {}
