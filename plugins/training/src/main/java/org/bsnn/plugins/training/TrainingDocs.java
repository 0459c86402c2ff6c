package org.bsnn.plugins.training;

/**
 * The documentation of the config keys every gradient trainer shares, so {@code sgd} and {@code
 * adam} describe each of them in the same words (a {@code @Doc} value must be a constant).
 */
final class TrainingDocs {
  private TrainingDocs() {}

  static final String EPOCHS = "passes over the training split, >= 1";
  static final String BATCH_SIZE = "images per step, >= 1";
  static final String LEARNING_RATE = "initial learning rate, > 0";
  static final String WEIGHT_DECAY =
      "L2 penalty added to the gradients (PyTorch's weight_decay), >= 0";
  static final String WEIGHT_DECAY_EPOCHS =
      "apply weight decay during the first N epochs only ('weight decay to 0 after epoch N'); 0 = always";
  static final String SCHEDULE =
      "learning-rate schedule: constant, multi-step (x gamma after each milestone epoch) or step "
          + "(x gamma every stepEpochs epochs)";
  static final String MILESTONES =
      "multi-step: 1-based epochs after which the rate is multiplied by gamma, e.g. [81, 122]";
  static final String STEP_EPOCHS = "step: the period in epochs, >= 1";
  static final String GAMMA = "schedule factor in (0, 1]: 0.1 divides by ten, 0.5 halves";
  static final String STE =
      "binary layers' straight-through gradient: xnor-net (XNOR-Net-PyTorch: alpha term, zero where "
          + "|w| > 1, scaled by n(1-1/c_in)) or identity (gradient where |w| <= 1)";
  static final String CLIP_WEIGHTS =
      "clip the real weights of binary layers to [-1, 1] after every step";
  static final String TRAIN_LIMIT = "train on the first N training images only; 0 = all";
  static final String INIT =
      "fine-tuning: start from the weights of this saved network (a directory with network.json, "
          + "a job or a single-job run directory, as the checkpoint trainer's path) instead of the model's initialisation; "
          + "it must have the model's structure; binary layers start from signs x alpha; \"\" = none";
}
