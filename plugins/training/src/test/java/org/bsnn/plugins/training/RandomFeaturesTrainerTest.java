package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.InMemoryDataset;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.stage.Binarizer;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.plugins.models.MlpArchitecture;
import org.bsnn.plugins.models.MlpConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class RandomFeaturesTrainerTest {

  private static final int CLASSES = 4;

  /** 1x4x4 images; class k is a bright 2x2 quadrant k on uniform noise: linearly separable. */
  private static InMemoryDataSplit quadrants(long seed, int perClass) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = perClass * CLASSES;
    float[][] images = new float[n][16];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int k = i % CLASSES;
      labels[i] = k;
      for (int p = 0; p < 16; p++) {
        int row = p / 4;
        int col = p % 4;
        boolean inQuadrant = (row / 2) * 2 + col / 2 == k;
        images[i][p] = (float) (r.nextDouble() * 0.6 + (inQuadrant ? 0.5 : 0));
      }
    }
    return InMemoryDataSplit.of(images, labels, 1, 4, 4);
  }

  private static InMemoryDataset dataset() {
    return InMemoryDataset.of("quadrants", CLASSES, quadrants(1, 60), quadrants(2, 50));
  }

  private static Network model(InMemoryDataset data, long seed) {
    return new MlpArchitecture(new MlpConfig(List.of(64, 32), false))
        .build(data.info(), new TestRunContext(seed, "model", "mlp", null));
  }

  private static Network train(
      InMemoryDataset data, long seed, Optional<Binarizer> binarizer, TestRunContext context) {
    return new RandomFeaturesTrainer(new RandomFeaturesProvider().defaults())
        .train(Optional.of(model(data, seed)), data, binarizer, context);
  }

  private static double accuracy(Network net, InMemoryDataSplit split) {
    return NetworkForward.predict(net, split, 64).accuracy();
  }

  @Test
  void fitsASeparableProblemToHighTestAccuracy() {
    InMemoryDataset data = dataset();
    TestRunContext context = new TestRunContext(0);
    Network untrained = model(data, 0);
    Network trained = train(data, 0, Optional.empty(), context);
    double before = accuracy(untrained, data.test());
    double after = accuracy(trained, data.test());
    assertTrue(after >= 0.95, "test accuracy " + after);
    assertTrue(after > before + 0.3, "training must matter: " + before + " -> " + after);
    assertEquals(data.train().size(), context.recordedProvenance().get("trainingImages"));
    assertEquals("relu2", context.recordedProvenance().get("featureNode"));
  }

  @Test
  void onlyTheOutputLayerIsFitted() {
    InMemoryDataset data = dataset();
    Network untrained = model(data, 0);
    Network trained = train(data, 0, Optional.empty(), new TestRunContext(0));
    for (Node node : untrained.nodes()) {
      if (node.name().equals("output")) {
        assertNotEquals(node, trained.node("output"));
      } else {
        assertEquals(node, trained.node(node.name()), node.name());
      }
    }
  }

  @Test
  void theSameSeedTrainsTheSameNetwork() {
    InMemoryDataset data = dataset();
    Network a = train(data, 7, Optional.empty(), new TestRunContext(7));
    Network b = train(data, 7, Optional.empty(), new TestRunContext(7));
    Network c = train(data, 8, Optional.empty(), new TestRunContext(8));
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void trainLimitUsesOnlyTheFirstImages() {
    InMemoryDataset data = dataset();
    TestRunContext context = new TestRunContext(0);
    new RandomFeaturesTrainer(new RandomFeaturesConfig(1e-3, 16, 40))
        .train(Optional.of(model(data, 0)), data, Optional.empty(), context);
    assertEquals(40, context.recordedProvenance().get("trainingImages"));
    assertEquals(40, data.train().imagesServed());
  }

  /** A stand-in binarizer: selects fc2 only; signs with alpha = mean |W| per output. */
  private static final class SecondLayerOnly implements Binarizer {
    @Override
    public boolean selects(Node node, Network network) {
      return node.name().equals("fc2");
    }

    @Override
    public Weights.Binary binarize(INDArray real) {
      INDArray signs = Transforms.sign(real, true);
      signs.addi(signs.eq(0).castTo(signs.dataType()));
      INDArray alpha = Transforms.abs(real, true).mean(1);
      return new Weights.Binary(signs, alpha);
    }

    @Override
    public Network apply(Network network) {
      return network.mapNodes(
          n -> {
            if (!selects(n, network)) {
              return n;
            }
            Layer.Dense d = (Layer.Dense) n.layer();
            return n.withLayer(
                new Layer.Dense(
                    binarize(((Weights.FullPrecision) d.weights()).values()), d.bias()));
          });
    }
  }

  @Test
  void withABinarizerTheSelectedHiddenLayersComeOutBinary() {
    InMemoryDataset data = dataset();
    Network trained = train(data, 0, Optional.of(new SecondLayerOnly()), new TestRunContext(0));
    assertInstanceOf(
        Weights.FullPrecision.class, ((Layer.Dense) trained.node("fc1").layer()).weights());
    Weights.Binary fc2 =
        assertInstanceOf(
            Weights.Binary.class, ((Layer.Dense) trained.node("fc2").layer()).weights());
    fc2.validateValues();
    assertInstanceOf(
        Weights.FullPrecision.class, ((Layer.Dense) trained.node("output").layer()).weights());
    // the readout was fitted to the binary network's features, so it still classifies well
    double accuracy = accuracy(trained, data.test());
    assertTrue(accuracy >= 0.9, "binary-hidden-layer test accuracy " + accuracy);
  }

  @Test
  void withoutAModelItAsksForOne() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                new RandomFeaturesTrainer(new RandomFeaturesProvider().defaults())
                    .train(Optional.empty(), dataset(), Optional.empty(), new TestRunContext(0)));
    assertTrue(e.getMessage().contains("model"), e.getMessage());
  }

  @Test
  void ridgeRegressionMatchesTheNormalEquations() {
    // one linear "feature" layer: relu(identity) of 2 features, then the fitted output. The
    // optimum W solves (HᵀH + ridge·n·I) Wᵀ = HᵀY; check the gradient of the objective vanishes.
    float[][] images = {{1, 0}, {0, 1}, {1, 1}, {0.5f, 0.2f}, {0.1f, 0.9f}};
    int[] labels = {0, 1, 1, 0, 1};
    InMemoryDataSplit split = InMemoryDataSplit.flat(images, labels);
    InMemoryDataset data = InMemoryDataset.of("tiny", 2, split, split);
    Network net =
        new Network(
            "tiny",
            new long[] {1, 1, 2},
            List.of(
                Node.of("flatten", new Layer.Flatten(), Network.INPUT),
                Node.of("relu", new Layer.Relu(), "flatten"),
                Node.of(
                    "output",
                    new Layer.Dense(new Weights.FullPrecision(Nd4j.zeros(2, 2)), null),
                    "relu")),
            "output");
    double ridge = 0.1;
    Network trained =
        new RandomFeaturesTrainer(new RandomFeaturesConfig(ridge, 2, 0))
            .train(Optional.of(net), data, Optional.empty(), new TestRunContext(0));
    double[][] w =
        ((Weights.FullPrecision) ((Layer.Dense) trained.node("output").layer()).weights())
            .values()
            .toDoubleMatrix();
    int n = images.length;
    for (int c = 0; c < 2; c++) {
      for (int f = 0; f < 2; f++) {
        double grad = ridge * n * w[c][f];
        for (int i = 0; i < n; i++) {
          double score = w[c][0] * images[i][0] + w[c][1] * images[i][1];
          grad += (score - (labels[i] == c ? 1 : 0)) * images[i][f];
        }
        assertEquals(0.0, grad, 1e-5, "gradient for class " + c + ", feature " + f);
      }
    }
  }
}
