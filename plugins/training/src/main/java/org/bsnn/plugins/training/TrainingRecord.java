package org.bsnn.plugins.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import org.bsnn.api.util.UserFacingException;

/**
 * What a training run has done so far, stored beside checkpoints and cached networks as JSON.
 *
 * @param key the cache key of the run (checkpoints of another configuration are ignored)
 * @param epochsDone completed epochs
 * @param steps optimizer steps taken
 * @param history one entry per completed epoch
 */
record TrainingRecord(String key, int epochsDone, long steps, List<EpochResult> history) {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Copies the history. */
  TrainingRecord {
    history = List.copyOf(history);
  }

  /**
   * The measurements of one epoch.
   *
   * @param epoch 1-based
   * @param loss mean training cross-entropy over the epoch's batches (dropout on, binary weights
   *     when binarized)
   * @param accuracy fraction of training images classified correctly in the training forward pass
   * @param validationAccuracy fraction on the validation split, or -1 without one
   * @param images training images seen
   * @param seconds wall-clock time of the epoch (not written to results: it varies between runs)
   */
  record EpochResult(
      int epoch,
      double loss,
      double accuracy,
      double validationAccuracy,
      long images,
      double seconds) {}

  /** As JSON text. */
  String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses {@link #toJson()} output. */
  static TrainingRecord fromJson(String json, String where) {
    try {
      return MAPPER.readValue(json, TrainingRecord.class);
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot read the training record "
              + where
              + ": "
              + e.getMessage()
              + "; delete it to train afresh",
          e);
    }
  }
}
