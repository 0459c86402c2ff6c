package org.bsnn.plugins.training;

import java.util.List;
import org.bsnn.api.config.Doc;

/**
 * Config of the {@code adam} trainer: Adam as PyTorch's {@code torch.optim.Adam} (L2 weight decay
 * added to the gradient, bias-corrected moments). Defaults: the paper's CIFAR-100 binary recipe (lr
 * 5e-4 halved every 30 epochs, weight decay 5e-4 until epoch 30); its ImageNet recipe uses beta1 =
 * 0.
 */
public record AdamConfig(
    @Doc(TrainingDocs.EPOCHS) int epochs,
    @Doc(TrainingDocs.BATCH_SIZE) int batchSize,
    @Doc(TrainingDocs.LEARNING_RATE) double learningRate,
    @Doc("first-moment decay in [0, 1); the paper's binary ImageNet recipe uses 0") double beta1,
    @Doc("second-moment decay in [0, 1)") double beta2,
    @Doc("denominator term, > 0") double epsilon,
    @Doc(TrainingDocs.WEIGHT_DECAY) double weightDecay,
    @Doc(TrainingDocs.WEIGHT_DECAY_EPOCHS) int weightDecayEpochs,
    @Doc(TrainingDocs.SCHEDULE) String schedule,
    @Doc(TrainingDocs.MILESTONES) List<Integer> milestones,
    @Doc(TrainingDocs.STEP_EPOCHS) int stepEpochs,
    @Doc(TrainingDocs.GAMMA) double gamma,
    @Doc(TrainingDocs.STE) String ste,
    @Doc(TrainingDocs.CLIP_WEIGHTS) boolean clipWeights,
    @Doc(TrainingDocs.TRAIN_LIMIT) int trainLimit,
    @Doc(TrainingDocs.INIT) String init) {

  /** Validates through {@link TrainingPlan}. */
  public AdamConfig {
    milestones = List.copyOf(milestones);
    init = init == null ? "" : init.trim();
    plan(
        epochs,
        batchSize,
        learningRate,
        beta1,
        beta2,
        epsilon,
        weightDecay,
        weightDecayEpochs,
        schedule,
        milestones,
        stepEpochs,
        gamma,
        ste,
        clipWeights,
        trainLimit);
  }

  /** A config without fine-tuning ({@code init} = ""). */
  public AdamConfig(
      int epochs,
      int batchSize,
      double learningRate,
      double beta1,
      double beta2,
      double epsilon,
      double weightDecay,
      int weightDecayEpochs,
      String schedule,
      List<Integer> milestones,
      int stepEpochs,
      double gamma,
      String ste,
      boolean clipWeights,
      int trainLimit) {
    this(
        epochs,
        batchSize,
        learningRate,
        beta1,
        beta2,
        epsilon,
        weightDecay,
        weightDecayEpochs,
        schedule,
        milestones,
        stepEpochs,
        gamma,
        ste,
        clipWeights,
        trainLimit,
        "");
  }

  private static TrainingPlan plan(
      int epochs,
      int batchSize,
      double learningRate,
      double beta1,
      double beta2,
      double epsilon,
      double weightDecay,
      int weightDecayEpochs,
      String schedule,
      List<Integer> milestones,
      int stepEpochs,
      double gamma,
      String ste,
      boolean clipWeights,
      int trainLimit) {
    return new TrainingPlan(
        "adam",
        epochs,
        batchSize,
        learningRate,
        schedule,
        milestones,
        stepEpochs,
        gamma,
        weightDecay,
        weightDecayEpochs,
        0.0,
        false,
        beta1,
        beta2,
        epsilon,
        ste,
        clipWeights,
        trainLimit);
  }

  /** The plan the trainer follows. */
  TrainingPlan plan() {
    return plan(
        epochs,
        batchSize,
        learningRate,
        beta1,
        beta2,
        epsilon,
        weightDecay,
        weightDecayEpochs,
        schedule,
        milestones,
        stepEpochs,
        gamma,
        ste,
        clipWeights,
        trainLimit);
  }
}
