package org.bsnn.plugins.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Architecture;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A multilayer perceptron: flatten, then dense + ReLU per hidden layer, then a dense output.
 * Weights are Kaiming-normal (std sqrt(2 / fan_in)), drawn from the run's seeded random so the same
 * seed builds the same network on any machine.
 */
public final class MlpArchitecture implements Architecture {

  private final MlpConfig config;

  /** An architecture with the given layer sizes. */
  public MlpArchitecture(MlpConfig config) {
    this.config = config;
  }

  @Override
  public Network build(DatasetInfo data, RunContext context) {
    SplittableRandom random = context.random("init");
    List<Node> nodes = new ArrayList<>();
    nodes.add(Node.of("flatten", new Layer.Flatten(), Network.INPUT));
    long fanIn = (long) data.channels() * data.height() * data.width();
    String previous = "flatten";
    for (int i = 0; i < config.hidden().size(); i++) {
      int width = config.hidden().get(i);
      String fc = "fc" + (i + 1);
      nodes.add(Node.of(fc, dense(width, fanIn, random), previous));
      nodes.add(Node.of("relu" + (i + 1), new Layer.Relu(), fc));
      previous = "relu" + (i + 1);
      fanIn = width;
    }
    nodes.add(Node.of("output", dense(data.classes(), fanIn, random), previous));
    return new Network("mlp-" + data.name(), data.imageShape(), nodes, "output");
  }

  private Layer.Dense dense(int out, long in, SplittableRandom random) {
    return new Layer.Dense(
        new Weights.FullPrecision(kaimingNormal(out, in, random)),
        config.bias() ? Nd4j.zeros(DataType.FLOAT, out) : null);
  }

  /** Normal(0, 2 / fan_in) weights of shape [out, in], from {@code random} only. */
  static INDArray kaimingNormal(long out, long in, SplittableRandom random) {
    float[] values = new float[Math.toIntExact(out * in)];
    double std = Math.sqrt(2.0 / in);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (gaussian(random) * std);
    }
    return Nd4j.create(values, new long[] {out, in}, 'c');
  }

  /** A standard normal sample (Box-Muller), so results do not depend on JDK internals. */
  static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
