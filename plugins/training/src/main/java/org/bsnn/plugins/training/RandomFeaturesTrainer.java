package org.bsnn.plugins.training;

import java.util.Iterator;
import java.util.Optional;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Binarizer;
import org.bsnn.api.stage.Trainer;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random-features training (an extreme learning machine, Huang et al. 2006): every layer but the
 * last keeps its random initial weights; the last dense layer is fitted in closed form by ridge
 * regression on one-hot targets, {@code W = (HᵀH + λI)⁻¹ HᵀY}. Deterministic, one pass, seconds on
 * a CPU: the workbench's fast trainer for smoke tests and conversion studies. Gradient-based
 * trainers (SGD, Adam) live beside it.
 *
 * <p>With a binarizer, the hidden layers it selects are binarized before the features are computed,
 * so the readout is fitted to the binary network's features.
 */
public final class RandomFeaturesTrainer implements Trainer {

  private final RandomFeaturesConfig config;

  /** A trainer with the given ridge penalty. */
  public RandomFeaturesTrainer(RandomFeaturesConfig config) {
    this.config = config;
  }

  @Override
  public Network train(
      Optional<Network> initial, Dataset data, Optional<Binarizer> binarizer, RunContext context) {
    Network network =
        initial.orElseThrow(
            () ->
                new UserFacingException(
                    "the random-features trainer needs a model; add 'model: mlp' (or another architecture) under defaults"));
    if (binarizer.isPresent()) {
      network = binarizer.get().apply(network);
    }
    Node output = network.node(network.output());
    Layer.Dense dense =
        switch (output.layer().asWeighted().orElseThrow(() -> notDense(output))) {
          case Layer.Dense d -> d;
          case Layer.Conv2d c -> throw notDense(output);
        };
    String featureNode = output.inputs().get(0);
    int classes = data.info().classes();
    long features = dense.inFeatures();

    DataSplit train =
        config.trainLimit() > 0 ? data.train().head(config.trainLimit()) : data.train();
    INDArray gram = Nd4j.zeros(DataType.DOUBLE, features, features);
    INDArray cross = Nd4j.zeros(DataType.DOUBLE, features, classes);
    int seen = 0;
    try (Progress progress = context.progress("features", train.size())) {
      Iterator<Batch> batches = train.batches(config.batchSize());
      while (batches.hasNext()) {
        try (Batch batch = batches.next()) {
          INDArray[] captured = new INDArray[1];
          NetworkForward.run(
                  network,
                  batch.features(),
                  (node, activation) -> {
                    if (node.name().equals(featureNode)) {
                      captured[0] = activation.castTo(DataType.DOUBLE);
                    }
                  })
              .close();
          try (INDArray h = captured[0];
              INDArray y = oneHot(batch.labels(), classes)) {
            gram.addi(h.transpose().mmul(h));
            cross.addi(h.transpose().mmul(y));
          }
          seen += batch.size();
          progress.advance(batch.size());
        }
      }
    }
    double[][] a = gram.toDoubleMatrix();
    double[][] b = cross.toDoubleMatrix();
    for (int i = 0; i < a.length; i++) {
      a[i][i] +=
          config.ridge()
              * seen; // penalty per training image, so the ridge does not depend on set size
    }
    Cholesky.solve(a, b);
    INDArray weights = Nd4j.create(b).transpose().castTo(DataType.FLOAT);
    context.provenance("trainingImages", seen);
    context.provenance("featureNode", featureNode);
    Layer.Dense fitted = new Layer.Dense(new Weights.FullPrecision(weights.dup('c')), dense.bias());
    Network trained =
        network.mapNodes(n -> n.name().equals(output.name()) ? n.withLayer(fitted) : n);
    gram.close();
    cross.close();
    return trained;
  }

  private static INDArray oneHot(int[] labels, int classes) {
    INDArray y = Nd4j.zeros(DataType.DOUBLE, labels.length, classes);
    for (int i = 0; i < labels.length; i++) {
      y.putScalar(i, labels[i], 1.0);
    }
    return y;
  }

  private static UserFacingException notDense(Node output) {
    return new UserFacingException(
        "random-features fits a dense output layer; the output node '"
            + output.name()
            + "' is "
            + output.layer().type());
  }
}
