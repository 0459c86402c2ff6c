package org.bsnn.plugins.training;

import java.util.List;
import org.bsnn.api.config.ConfigChecks;

/**
 * Everything that determines a gradient-training run, common to the {@code sgd} and {@code adam}
 * trainers. Epochs are counted from 0 inside the workbench and shown from 1.
 *
 * @param optimizer "sgd" or "adam"
 * @param epochs passes over the training split, at least 1
 * @param batchSize images per step, at least 1
 * @param learningRate initial learning rate, positive
 * @param schedule "constant", "multi-step" (multiply by gamma after each epoch in milestones, as
 *     PyTorch's MultiStepLR) or "step" (multiply by gamma every stepEpochs epochs, as StepLR)
 * @param milestones 1-based epochs after which the learning rate is multiplied by gamma
 * @param stepEpochs period of the "step" schedule in epochs
 * @param gamma the schedule's factor, in (0, 1]
 * @param weightDecay L2 penalty added to every gradient (PyTorch's {@code weight_decay}), >= 0
 * @param weightDecayEpochs apply weight decay during the first N epochs only; 0 = always
 * @param momentum SGD momentum in [0, 1)
 * @param nesterov SGD Nesterov momentum
 * @param beta1 Adam's first-moment decay in [0, 1)
 * @param beta2 Adam's second-moment decay in [0, 1)
 * @param epsilon Adam's denominator term, positive
 * @param ste straight-through gradient of binary layers: "xnor-net" or "identity"
 * @param clipWeights clip the real weights of binary layers to [-1, 1] after each step
 * @param trainLimit use the first N training images only; 0 = all
 */
record TrainingPlan(
    String optimizer,
    int epochs,
    int batchSize,
    double learningRate,
    String schedule,
    List<Integer> milestones,
    int stepEpochs,
    double gamma,
    double weightDecay,
    int weightDecayEpochs,
    double momentum,
    boolean nesterov,
    double beta1,
    double beta2,
    double epsilon,
    String ste,
    boolean clipWeights,
    int trainLimit) {

  /** Validates every value with a message naming the key. */
  TrainingPlan {
    milestones = List.copyOf(milestones);
    ConfigChecks.atLeastOne("epochs", epochs);
    ConfigChecks.atLeastOne("batchSize", batchSize);
    ConfigChecks.require(
        learningRate > 0 && Double.isFinite(learningRate),
        "learningRate must be positive, got " + learningRate);
    ConfigChecks.require(
        List.of("constant", "multi-step", "step").contains(schedule),
        "schedule must be constant, multi-step or step, got '" + schedule + "'");
    ConfigChecks.require(
        milestones.stream().allMatch(m -> m != null && m >= 1),
        "milestones must be epochs >= 1, got " + milestones);
    ConfigChecks.atLeastOne("stepEpochs", stepEpochs);
    ConfigChecks.inOpenClosed("gamma", gamma, 0, 1);
    ConfigChecks.require(
        weightDecay >= 0 && Double.isFinite(weightDecay),
        "weightDecay must be >= 0, got " + weightDecay);
    ConfigChecks.require(
        weightDecayEpochs >= 0,
        "weightDecayEpochs must be >= 0 (0 = always), got " + weightDecayEpochs);
    ConfigChecks.inClosedOpen("momentum", momentum, 0, 1);
    ConfigChecks.require(!nesterov || momentum > 0, "nesterov needs a momentum > 0");
    ConfigChecks.inClosedOpen("beta1", beta1, 0, 1);
    ConfigChecks.inClosedOpen("beta2", beta2, 0, 1);
    ConfigChecks.require(epsilon > 0, "epsilon must be positive, got " + epsilon);
    ConfigChecks.require(
        "xnor-net".equals(ste) || "identity".equals(ste),
        "ste must be xnor-net or identity, got '" + ste + "'");
    ConfigChecks.require(trainLimit >= 0, "trainLimit must be >= 0 (0 = all), got " + trainLimit);
  }

  /** The learning rate during epoch {@code epoch} (0-based). */
  double learningRate(int epoch) {
    int decays = 0;
    if ("multi-step".equals(schedule)) {
      for (int m : milestones) {
        if (epoch >= m) {
          decays++;
        }
      }
    } else if ("step".equals(schedule)) {
      decays = epoch / stepEpochs;
    }
    return learningRate * Math.pow(gamma, decays);
  }

  /** The weight decay during epoch {@code epoch} (0-based): 0 from epoch weightDecayEpochs on. */
  double weightDecay(int epoch) {
    return weightDecayEpochs == 0 || epoch < weightDecayEpochs ? weightDecay : 0.0;
  }
}
