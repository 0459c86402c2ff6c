package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.stage.Binarizer;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.plugins.models.Vgg15abArchitecture;
import org.bsnn.plugins.models.Vgg15abProvider;
import org.bsnn.plugins.models.VggBuilder;
import org.bsnn.plugins.models.VggSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class GradientTrainerTest {

  @TempDir Path dir;

  static Network tiny(String spec, long seed) {
    return VggBuilder.build(
        "tiny",
        new long[] {1, 8, 8},
        VggSpec.parse(spec),
        new VggBuilder.Options(false, true, 0.1, false),
        new SplittableRandom(seed));
  }

  static GradientTrainer adam(int epochs, double lr) {
    return adam(epochs, lr, 32);
  }

  static GradientTrainer adam(int epochs, double lr, int batch) {
    return new GradientTrainer(
        "adam",
        new AdamConfig(
                epochs,
                batch,
                lr,
                0.9,
                0.999,
                1e-8,
                1e-4,
                0,
                "constant",
                List.of(),
                1,
                0.5,
                "xnor-net",
                true,
                0)
            .plan());
  }

  private Network train(
      GradientTrainer trainer,
      Network net,
      TestDataset data,
      Optional<Binarizer> b,
      TestContext ctx) {
    return trainer.train(Optional.of(net), data, b, ctx);
  }

  @Test
  void trainsATinyNetworkWellAboveChance() {
    TestContext ctx = new TestContext(1, dir);
    TestDataset data = new TestDataset(240, 1, 8, 8, 3, 5, 0, 0, true);
    Network trained = train(adam(2, 0.01), tiny("c4p-fc3", 1), data, Optional.empty(), ctx);
    double last = value(ctx, "train-accuracy[epoch 2]");
    assertTrue(last > 0.8, "train accuracy " + last);
    assertTrue(value(ctx, "train-loss[epoch 2]") < value(ctx, "train-loss[epoch 1]"));
    assertTrue(value(ctx, "validation-accuracy[epoch 2]") > 0.8);
    var predictions = NetworkForward.predict(trained, data.test(), 64);
    long correct = 0;
    for (int i = 0; i < predictions.labels().length; i++) {
      correct += predictions.labels()[i] == predictions.predictions()[i] ? 1 : 0;
    }
    assertTrue(correct > 0.8 * predictions.labels().length, "IR test accuracy " + correct);
    assertEquals("miss", ctx.provenance.get("cache"));
  }

  private static double value(TestContext ctx, String metric) {
    return ctx.emitted.stream()
        .filter(m -> m.metric().equals(metric))
        .map(m -> ((Measurement.Scalar) m).value())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " in " + ctx.emitted));
  }

  @Test
  void sameSeedGivesTheSameNetworkAndTheCacheIsReused() {
    TestDataset data = new TestDataset(96, 1, 8, 8, 3, 5);
    Network a =
        train(
            adam(1, 0.01),
            tiny("c4p-fc3", 1),
            data,
            Optional.empty(),
            new TestContext(1, dir.resolve("a")));
    TestContext second = new TestContext(1, dir.resolve("b"));
    Network b = train(adam(1, 0.01), tiny("c4p-fc3", 1), data, Optional.empty(), second);
    assertEquals(a, b);
    assertNotEquals(tiny("c4p-fc3", 1), a, "training changed the weights");

    // same cache directory and upstream hash: no training, same network and measurements
    TestContext cached =
        new TestContext(1, dir.resolve("c"), dir.resolve("b").resolve("cache"), "test-1");
    Network c = train(adam(1, 0.01), tiny("c4p-fc3", 1), data, Optional.empty(), cached);
    assertEquals(a, c);
    assertEquals("hit", cached.provenance.get("cache"));
    assertTrue(
        cached.logs.stream().anyMatch(l -> l.contains("reusing the trained network")),
        cached.logs.toString());
    assertEquals(second.emitted, cached.emitted);
  }

  @Test
  void anUnwritableCacheIsAWarningAndTheTrainedNetworkIsStillReturned() throws Exception {
    TestDataset data = new TestDataset(96, 1, 8, 8, 3, 5);
    // a regular file where the cache's networks folder should be: nothing can be written below it
    Path cache = java.nio.file.Files.createDirectories(dir.resolve("cache"));
    java.nio.file.Files.writeString(cache.resolve("networks"), "x");
    TestContext ctx = new TestContext(1, dir.resolve("work"), cache, "test-1");
    Network trained = train(adam(1, 0.01), tiny("c4p-fc3", 1), data, Optional.empty(), ctx);
    assertNotEquals(tiny("c4p-fc3", 1), trained, "training ran");
    assertTrue(
        ctx.logs.stream().anyMatch(l -> l.startsWith("WARN ") && l.contains("cannot cache")),
        ctx.logs.toString());
    assertTrue(
        ctx.logs.stream().noneMatch(l -> l.contains("Exception")), "no class names: " + ctx.logs);
    assertEquals("miss, not written", ctx.provenance.get("cache"));
  }

  @Test
  void binaryAndFullPrecisionTrainingUseDifferentCacheKeys() {
    TestContext ctx = new TestContext(1, dir);
    Network net = tiny("c4-c4p-fc8-fc3", 1);
    String fp = GradientTrainer.cacheKey(ctx, net, Optional.empty());
    String bin = GradientTrainer.cacheKey(ctx, net, Optional.of(new TestXnorBinarizer()));
    assertNotEquals(fp, bin);
    assertTrue(bin.startsWith(fp));
    assertEquals(bin, GradientTrainer.cacheKey(ctx, net, Optional.of(new TestXnorBinarizer())));
  }

  @Test
  void aKilledTrainingResumesFromTheLastCheckpointAndEndsTheSame() {
    Path work = dir.resolve("work");
    TestDataset killed = new TestDataset(96, 1, 8, 8, 3, 5, 2, 0, false);
    TestContext first = new TestContext(1, work, dir.resolve("cache1"), "key");
    assertThrows(
        IllegalStateException.class,
        () -> train(adam(2, 0.01), tiny("c4p-fc3", 1), killed, Optional.empty(), first));
    assertTrue(Files.exists(work.resolve("checkpoints").resolve("checkpoint.json")));
    assertTrue(Files.isDirectory(work.resolve("checkpoints").resolve("epoch-1")));

    TestDataset healthy = new TestDataset(96, 1, 8, 8, 3, 5);
    TestContext resumed = new TestContext(1, work, dir.resolve("cache2"), "key");
    Network afterResume =
        train(adam(2, 0.01), tiny("c4p-fc3", 1), healthy, Optional.empty(), resumed);
    assertTrue(
        resumed.logs.stream()
            .anyMatch(l -> l.contains("resuming from the checkpoint after epoch 1")),
        resumed.logs.toString());
    assertEquals(1, resumed.provenance.get("resumedAfterEpoch"));

    Network uninterrupted =
        train(
            adam(2, 0.01),
            tiny("c4p-fc3", 1),
            healthy,
            Optional.empty(),
            new TestContext(1, dir.resolve("work3"), dir.resolve("cache3"), "key"));
    assertEquals(uninterrupted, afterResume);
    assertEquals(
        4, resumed.emitted.size(), "both epochs' loss and accuracy, epoch 1 from the checkpoint");
  }

  @Test
  void nanLossStopsWithEpochBatchAndLearningRateAndKeepsTheLastGoodCheckpoint() throws Exception {
    TestDataset data = new TestDataset(64, 1, 8, 8, 3, 5, 0, 2, false);
    TestContext ctx = new TestContext(1, dir);
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> train(adam(3, 0.01), tiny("c4p-fc3", 1), data, Optional.empty(), ctx));
    assertTrue(
        e.getMessage().contains("NaN at epoch 2, batch 1 (learning rate 0.01)"), e.getMessage());
    assertTrue(e.getMessage().contains("after epoch 1"), e.getMessage());
    Path checkpoints = ctx.workDir().resolve("checkpoints");
    assertTrue(Files.isDirectory(checkpoints.resolve("epoch-1").resolve("network")));
    assertTrue(
        TrainingRecord.fromJson(Files.readString(checkpoints.resolve("checkpoint.json")), "test")
                .epochsDone()
            == 1);
    assertFalse(
        Files.exists(ctx.cacheDir().resolve("networks").resolve("test-1")), "nothing cached");
  }

  @Test
  void mismatchedShapesAreRejectedBeforeTrainingNamingBoth() {
    TestContext ctx = new TestContext(1, dir);
    UserFacingException classes =
        assertThrows(
            UserFacingException.class,
            () ->
                train(
                    adam(1, 0.01),
                    tiny("c4p-fc10", 1),
                    new TestDataset(16, 1, 8, 8, 3, 5),
                    Optional.empty(),
                    ctx));
    assertTrue(
        classes.getMessage().contains("10 outputs") && classes.getMessage().contains("3 classes"),
        classes.getMessage());
    UserFacingException input =
        assertThrows(
            UserFacingException.class,
            () ->
                train(
                    adam(1, 0.01),
                    tiny("c4p-fc3", 1),
                    new TestDataset(16, 3, 8, 8, 3, 5),
                    Optional.empty(),
                    ctx));
    assertTrue(
        input.getMessage().contains("1x8x8") && input.getMessage().contains("3x8x8"),
        input.getMessage());
    assertThrows(
        UserFacingException.class,
        () ->
            adam(1, 0.01)
                .train(
                    Optional.empty(), new TestDataset(16, 1, 8, 8, 3, 5), Optional.empty(), ctx));
  }

  @Test
  void binaryTrainingExportsExactSignsAndOneAlphaPerOutput() {
    TestContext ctx = new TestContext(2, dir);
    TestDataset data = new TestDataset(192, 1, 8, 8, 3, 5);
    Network trained =
        train(
            adam(2, 0.01, 16),
            tiny("c4-c4p-fc8-fc3", 1),
            data,
            Optional.of(new TestXnorBinarizer()),
            ctx);
    assertEquals(List.of("conv2", "fc1"), ctx.provenance.get("binarizedLayers"));
    assertInstanceOf(
        Weights.FullPrecision.class, ((Layer.Conv2d) trained.node("conv1").layer()).weights());
    assertInstanceOf(
        Weights.FullPrecision.class, ((Layer.Dense) trained.node("fc2").layer()).weights());
    for (String name : List.of("conv2", "fc1")) {
      Node node = trained.node(name);
      Weights w =
          node.layer() instanceof Layer.Conv2d c
              ? c.weights()
              : ((Layer.Dense) node.layer()).weights();
      Weights.Binary b = assertInstanceOf(Weights.Binary.class, w);
      b.validateValues();
      assertEquals(w.shape()[0], b.alpha().length());
      INDArray abs = org.nd4j.linalg.ops.transforms.Transforms.abs(b.signs(), true);
      assertEquals(1.0, abs.minNumber().doubleValue());
      assertEquals(1.0, abs.maxNumber().doubleValue());
    }
    assertTrue(
        value(ctx, "train-accuracy[epoch 2]") > 0.5,
        "binary net learns (chance 1/3): " + ctx.emitted);
    assertTrue(value(ctx, "train-loss[epoch 2]") < value(ctx, "train-loss[epoch 1]"));
  }

  @Test
  void vgg15abCifarTrainsOneIterationOnDataOfTheRightShape() {
    TestDataset data = new TestDataset(2, 3, 32, 32, 100, 5);
    Network net =
        new Vgg15abArchitecture(new Vgg15abProvider().defaults())
            .build(data.info(), new TestContext(0, dir));
    GradientTrainer sgd =
        new GradientTrainer(
            "sgd",
            new SgdConfig(
                    1,
                    2,
                    0.05,
                    0.9,
                    false,
                    1e-4,
                    0,
                    "multi-step",
                    List.of(81, 122),
                    30,
                    0.1,
                    "xnor-net",
                    true,
                    0)
                .plan());
    TestContext ctx = new TestContext(0, dir.resolve("run"));
    Network trained = sgd.train(Optional.of(net), data, Optional.of(new TestXnorBinarizer()), ctx);
    assertTrue(Double.isFinite(value(ctx, "train-loss[epoch 1]")));
    assertInstanceOf(
        Weights.Binary.class, ((Layer.Conv2d) trained.node("conv2").layer()).weights());
    assertArrayEquals(new long[] {100}, NetworkForward.shapes(trained).get("fc2"));
  }

  /**
   * Plain SGD (no momentum, decay or schedule) on one full batch: a step depends on the weights
   * only.
   */
  private static GradientTrainer plainSgd(int epochs, int batch, String init) {
    return new GradientTrainer(
        "sgd",
        new SgdConfig(
                epochs,
                batch,
                0.05,
                0.0,
                false,
                0,
                0,
                "constant",
                List.of(),
                1,
                0.5,
                "xnor-net",
                true,
                0,
                init)
            .plan(),
        init);
  }

  @Test
  void fineTuningContinuesFromTheSavedWeightsAndStatistics() {
    // With plain full-batch SGD, 1 epoch + 1 fine-tuned epoch from the saved result must equal 2
    // epochs in one go (up to float summation order): this fails if any weight, bias or batch-norm
    // statistic were not taken from the saved network.
    TestDataset data = new TestDataset(48, 1, 8, 8, 3, 5);
    Network model = BatchNormalizationTest.withBatchNorm(3);
    Network two =
        plainSgd(2, 48, "")
            .train(
                Optional.of(model), data, Optional.empty(), new TestContext(1, dir.resolve("two")));
    Network one =
        plainSgd(1, 48, "")
            .train(
                Optional.of(model), data, Optional.empty(), new TestContext(1, dir.resolve("one")));
    org.bsnn.api.network.NetworkIO.save(one, dir.resolve("saved"));
    TestContext ctx = new TestContext(1, dir.resolve("tuned"));
    Network tuned =
        plainSgd(1, 48, dir.resolve("saved").toString())
            .train(Optional.of(model), data, Optional.empty(), ctx);

    INDArray x = data.test().batches(24).next().features();
    INDArray expected = NetworkForward.run(two, x);
    assertTrue(
        expected.equalsWithEps(NetworkForward.run(tuned, x), 1e-4),
        "two epochs " + expected + "\ntuned " + NetworkForward.run(tuned, x));
    assertFalse(
        expected.equalsWithEps(NetworkForward.run(one, x), 1e-4),
        "the second epoch changed the network");
    assertTrue(
        ctx.logs.stream().anyMatch(l -> l.contains("fine-tuning from the weights in")),
        ctx.logs.toString());
    assertEquals(
        dir.resolve("saved").toAbsolutePath().normalize().toString(), ctx.provenance.get("init"));
    assertTrue(
        ((String) ctx.provenance.get("cacheKey")).contains("-init"), ctx.provenance.toString());
  }

  @Test
  void fineTuningFromOtherWeightsIsAnotherCacheEntry() {
    TestDataset data = new TestDataset(16, 1, 8, 8, 3, 5);
    org.bsnn.api.network.NetworkIO.save(tiny("c4p-fc3", 2), dir.resolve("a"));
    org.bsnn.api.network.NetworkIO.save(tiny("c4p-fc3", 3), dir.resolve("b"));
    Path cache = dir.resolve("cache");
    TestContext fromA = new TestContext(1, dir.resolve("ra"), cache, "same-upstream");
    Network a =
        plainSgd(1, 16, dir.resolve("a").toString())
            .train(Optional.of(tiny("c4p-fc3", 1)), data, Optional.empty(), fromA);
    // same path string, other contents: the upstream hash is the same, the weights are not
    org.bsnn.api.network.NetworkIO.save(tiny("c4p-fc3", 3), dir.resolve("a"));
    TestContext fromB = new TestContext(1, dir.resolve("rb"), cache, "same-upstream");
    Network b =
        plainSgd(1, 16, dir.resolve("a").toString())
            .train(Optional.of(tiny("c4p-fc3", 1)), data, Optional.empty(), fromB);
    assertEquals("miss", fromB.provenance.get("cache"));
    assertNotEquals(fromA.provenance.get("cacheKey"), fromB.provenance.get("cacheKey"));
    assertNotEquals(a, b);
  }

  @Test
  void fineTuningFromAnotherStructureIsRejectedBeforeTraining() {
    org.bsnn.api.network.NetworkIO.save(tiny("c8p-fc3", 2), dir.resolve("wide"));
    TestContext ctx = new TestContext(1, dir);
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                plainSgd(1, 16, dir.resolve("wide").toString())
                    .train(
                        Optional.of(tiny("c4p-fc3", 1)),
                        new TestDataset(16, 1, 8, 8, 3, 5),
                        Optional.empty(),
                        ctx));
    assertTrue(
        e.getMessage().contains("train.init") && e.getMessage().contains("'conv1'"),
        e.getMessage());
    assertFalse(Files.exists(ctx.workDir().resolve("checkpoints")), "nothing trained");
  }
}
