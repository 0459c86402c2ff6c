package org.bsnn.plugins.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingDynamics;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** QCFS layers (Bu et al., ICLR 2022) convert with their trained λ as the threshold. */
class QcfsConversionTest {

  private static final double LAMBDA1 = 1.5;
  private static final double LAMBDA2 = 0.625;
  private static final int LEVELS = 4;

  /** flatten, fc1 (identity), q1, fc2, q2, fc3. */
  private static Network net() {
    return new Network(
        "qcfs",
        new long[] {1, 1, 4},
        List.of(
            Node.of("flat", new Layer.Flatten(), Network.INPUT),
            Node.of(
                "fc1",
                new Layer.Dense(
                    new Weights.FullPrecision(Nd4j.eye(4).castTo(DataType.FLOAT)), null),
                "flat"),
            Node.of("q1", new Layer.Qcfs(LAMBDA1, LEVELS), "fc1"),
            Node.of(
                "fc2",
                new Layer.Dense(new Weights.FullPrecision(TestTensors.randn(3, 0.5, 3, 4)), null),
                "q1"),
            Node.of("q2", new Layer.Qcfs(LAMBDA2, LEVELS), "fc2"),
            Node.of(
                "fc3",
                new Layer.Dense(new Weights.FullPrecision(TestTensors.randn(4, 0.5, 2, 3)), null),
                "q2")),
        "fc3");
  }

  private static IfNeuronConfig config(IfNeuronConfig.ThresholdMode mode) {
    return new IfNeuronConfig(
        ResetMode.SUBTRACT, mode, Encoding.DIRECT, Propagation.PIPELINED, Readout.POTENTIAL);
  }

  private static SpikingNetwork convert(IfNeuronConfig.ThresholdMode mode, LayerScales scales) {
    return new IfNeuronConverter(config(mode)).convert(net(), scales, new TestRunContext(0));
  }

  private static double threshold(SpikingNode node) {
    return switch (node.neuron()) {
      case Neuron.IntegrateAndFire f -> f.threshold().getDouble(0);
      case Neuron.Integrator i -> Double.NaN;
    };
  }

  private static INDArray weights(Projection p) {
    for (Layer op : p.ops()) {
      if (op.asWeighted().isPresent()) {
        return op.asWeighted().get().weights().dense();
      }
    }
    throw new AssertionError("no weighted op in " + p.ops());
  }

  @Test
  void withoutANormalizerTheThresholdsAreTheTrainedLambdas() {
    SpikingNetwork snn = convert(IfNeuronConfig.ThresholdMode.LAYER_THRESHOLD, LayerScales.unit());
    assertEquals(LAMBDA1, threshold(snn.nodes().get(0)), 1e-7);
    assertEquals(LAMBDA2, threshold(snn.nodes().get(1)), 1e-7);
    // layer-threshold mode scales a projection's weights by its source's lambda only
    assertEquals(
        TestTensors.randn(3, 0.5, 3, 4).mul(LAMBDA1), weights(snn.nodes().get(1).inputs().get(0)));
    assertEquals(List.of("q1", "q2"), snn.notes().get("qcfsTrainedThresholds"));
  }

  @Test
  void weightScalingIsTheSameBalancingWithThresholdOne() {
    SpikingNetwork snn = convert(IfNeuronConfig.ThresholdMode.WEIGHT_SCALING, LayerScales.unit());
    assertEquals(1.0, threshold(snn.nodes().get(0)));
    assertEquals(1.0, threshold(snn.nodes().get(1)));
    INDArray w2 = weights(snn.nodes().get(1).inputs().get(0));
    assertEquals(TestTensors.randn(3, 0.5, 3, 4).mul(LAMBDA1 / LAMBDA2), w2);
  }

  @Test
  void aNormalizersLambdaOverridesTheTrainedOne() {
    LayerScales scales = new LayerScales(Map.of("q2", TestTensors.vector(0.25)));
    SpikingNetwork snn = convert(IfNeuronConfig.ThresholdMode.LAYER_THRESHOLD, scales);
    assertEquals(LAMBDA1, threshold(snn.nodes().get(0)), 1e-7);
    assertEquals(0.25, threshold(snn.nodes().get(1)), 1e-7);
    assertEquals(List.of("q2"), snn.notes().get("qcfsNormalizerThresholds"));
  }

  /**
   * Runs the first spiking layer (q1 behind an identity fc1) on a constant input for {@code steps}
   * timesteps, from potential 0, and returns rate times threshold in ANN units.
   */
  private static INDArray rateTimesLambda(
      IfNeuronConfig.ThresholdMode mode, INDArray input, int steps) {
    SpikingNode q1 = convert(mode, LayerScales.unit()).nodes().get(0);
    Neuron.IntegrateAndFire neuron = (Neuron.IntegrateAndFire) q1.neuron();
    INDArray current = input;
    for (Layer op : q1.inputs().get(0).ops()) {
      current = LayerOps.apply(op, current);
    }
    INDArray v = Nd4j.zeros(DataType.FLOAT, current.shape());
    INDArray count = Nd4j.zeros(DataType.FLOAT, current.shape());
    for (int t = 0; t < steps; t++) {
      v.addi(current);
      count.addi(SpikingDynamics.fire(v, neuron));
    }
    return count.divi(steps).muli(LAMBDA1);
  }

  /** Feature 0 of every sample, as [1, n]. */
  private static INDArray column(INDArray rates) {
    return rates.getColumn(0).dup().reshape(1, rates.size(0));
  }

  @ParameterizedTest
  @EnumSource(IfNeuronConfig.ThresholdMode.class)
  void rateTimesThresholdIsQuantizedAtLevelsStepsAndApproachesTheClipAsTGrows(
      IfNeuronConfig.ThresholdMode mode) {
    // away from the steps' edges of both floor (k / 4) and round ((k - 1/2) / 4), in units of λ
    double[] units = {-0.4, 0.05, 0.2, 0.3, 0.45, 0.55, 0.7, 0.8, 0.95, 1.3};
    float[] xs = new float[units.length];
    for (int i = 0; i < units.length; i++) {
      xs[i] = (float) (units[i] * LAMBDA1);
    }
    // one sample per value, the value on all four inputs (fc1 is the identity)
    INDArray x = Nd4j.createFromArray(xs).reshape(10, 1);
    INDArray input = x.repeat(1, 4).reshape(10, 1, 1, 4);
    INDArray qcfs = LayerOps.apply(new Layer.Qcfs(LAMBDA1, LEVELS), x);

    // T = L from potential 0: the floor quantization lambda clip(floor(x L / lambda) / L, 0, 1),
    // i.e. h(x) without its half-step shift (which an initial potential of lambda/2 supplies)
    INDArray atL = column(rateTimesLambda(mode, input, LEVELS));
    for (int i = 0; i < xs.length; i++) {
      double floor = LAMBDA1 * Math.min(1, Math.max(0, Math.floor(units[i] * LEVELS) / LEVELS));
      assertEquals(floor, atL.getDouble(0, i), 1e-5, "T = L at x = " + xs[i]);
      assertTrue(Math.abs(atL.getDouble(0, i) - qcfs.getDouble(i, 0)) <= LAMBDA1 / LEVELS + 1e-6);
    }
    // as T grows, rate * lambda approaches clip(x, 0, lambda), which is within half a step of h
    double previous = Double.MAX_VALUE;
    for (int steps : new int[] {8, 64, 512}) {
      INDArray r = column(rateTimesLambda(mode, input, steps));
      double worst = 0;
      for (int i = 0; i < xs.length; i++) {
        double clip = Math.min(LAMBDA1, Math.max(0, xs[i]));
        worst = Math.max(worst, Math.abs(r.getDouble(0, i) - clip));
        assertTrue(
            Math.abs(r.getDouble(0, i) - qcfs.getDouble(i, 0))
                <= LAMBDA1 / (2 * LEVELS) + LAMBDA1 / steps + 1e-5,
            "T = " + steps + " at x = " + xs[i]);
      }
      assertTrue(worst <= LAMBDA1 / steps + 1e-5, "T = " + steps + ": " + worst);
      assertTrue(worst <= previous);
      previous = worst;
    }
  }
}
