package org.bsnn.plugins.training;

import java.util.List;
import org.bsnn.api.config.Doc;

/**
 * Config of the {@code adam} trainer: Adam as PyTorch's {@code torch.optim.Adam} (L2 weight decay
 * added to the gradient, bias-corrected moments). Defaults: the paper's CIFAR-100 binary recipe
 * (lr 5e-4 halved every 30 epochs, weight decay 5e-4 until epoch 30); its ImageNet recipe uses
 * beta1 = 0.
 */
public record AdamConfig(
    @Doc("passes over the training split, >= 1") int epochs,
    @Doc("images per step, >= 1") int batchSize,
    @Doc("initial learning rate, > 0") double learningRate,
    @Doc("first-moment decay in [0, 1); the paper's binary ImageNet recipe uses 0") double beta1,
    @Doc("second-moment decay in [0, 1)") double beta2,
    @Doc("denominator term, > 0") double epsilon,
    @Doc("L2 penalty added to the gradients (PyTorch's weight_decay), >= 0") double weightDecay,
    @Doc("apply weight decay during the first N epochs only ('weight decay to 0 after epoch N'); 0 = always")
        int weightDecayEpochs,
    @Doc("learning-rate schedule: constant, multi-step (x gamma after each milestone epoch) or step "
        + "(x gamma every stepEpochs epochs)") String schedule,
    @Doc("multi-step: 1-based epochs after which the rate is multiplied by gamma, e.g. [81, 122]")
        List<Integer> milestones,
    @Doc("step: the period in epochs, >= 1") int stepEpochs,
    @Doc("schedule factor in (0, 1]: 0.1 divides by ten, 0.5 halves") double gamma,
    @Doc("binary layers' straight-through gradient: xnor-net (XNOR-Net-PyTorch: alpha term, zero where |w| > 1, "
        + "scaled by n(1-1/c_in)) or identity (gradient where |w| <= 1)") String ste,
    @Doc("clip the real weights of binary layers to [-1, 1] after every step") boolean clipWeights,
    @Doc("train on the first N training images only; 0 = all") int trainLimit,
    @Doc("fine-tuning: start from the weights of this saved network (a directory with network.json, a job or a "
        + "single-job run directory, as the checkpoint trainer's path) instead of the model's initialisation; it "
        + "must have the model's structure; binary layers start from signs x alpha; \"\" = none") String init) {

  /** Validates through {@link TrainingPlan}. */
  public AdamConfig {
    milestones = List.copyOf(milestones);
    init = init == null ? "" : init.trim();
    plan(epochs, batchSize, learningRate, beta1, beta2, epsilon, weightDecay, weightDecayEpochs, schedule,
        milestones, stepEpochs, gamma, ste, clipWeights, trainLimit);
  }

  /** A config without fine-tuning ({@code init} = ""). */
  public AdamConfig(int epochs, int batchSize, double learningRate, double beta1, double beta2, double epsilon,
      double weightDecay, int weightDecayEpochs, String schedule, List<Integer> milestones, int stepEpochs,
      double gamma, String ste, boolean clipWeights, int trainLimit) {
    this(epochs, batchSize, learningRate, beta1, beta2, epsilon, weightDecay, weightDecayEpochs, schedule, milestones,
        stepEpochs, gamma, ste, clipWeights, trainLimit, "");
  }

  private static TrainingPlan plan(int epochs, int batchSize, double learningRate, double beta1, double beta2,
      double epsilon, double weightDecay, int weightDecayEpochs, String schedule, List<Integer> milestones,
      int stepEpochs, double gamma, String ste, boolean clipWeights, int trainLimit) {
    return new TrainingPlan("adam", epochs, batchSize, learningRate, schedule, milestones, stepEpochs, gamma,
        weightDecay, weightDecayEpochs, 0.0, false, beta1, beta2, epsilon, ste, clipWeights, trainLimit);
  }

  /** The plan the trainer follows. */
  TrainingPlan plan() {
    return plan(epochs, batchSize, learningRate, beta1, beta2, epsilon, weightDecay, weightDecayEpochs, schedule,
        milestones, stepEpochs, gamma, ste, clipWeights, trainLimit);
  }
}
