package org.bsnn.plugins.training;

import java.util.List;
import org.bsnn.api.config.Doc;

/**
 * Config of the {@code sgd} trainer: SGD with momentum as PyTorch's {@code torch.optim.SGD}
 * (dampening 0). Defaults: the paper's CIFAR-100 full-precision recipe.
 */
public record SgdConfig(
    @Doc(TrainingDocs.EPOCHS) int epochs,
    @Doc(TrainingDocs.BATCH_SIZE) int batchSize,
    @Doc(TrainingDocs.LEARNING_RATE) double learningRate,
    @Doc("momentum in [0, 1)") double momentum,
    @Doc("Nesterov momentum (PyTorch's nesterov=True)") boolean nesterov,
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
  public SgdConfig {
    milestones = List.copyOf(milestones);
    init = init == null ? "" : init.trim();
    plan(
        epochs,
        batchSize,
        learningRate,
        momentum,
        nesterov,
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
  public SgdConfig(
      int epochs,
      int batchSize,
      double learningRate,
      double momentum,
      boolean nesterov,
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
        momentum,
        nesterov,
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
      double momentum,
      boolean nesterov,
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
        "sgd",
        epochs,
        batchSize,
        learningRate,
        schedule,
        milestones,
        stepEpochs,
        gamma,
        weightDecay,
        weightDecayEpochs,
        momentum,
        nesterov,
        0.9,
        0.999,
        1e-8,
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
        momentum,
        nesterov,
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
