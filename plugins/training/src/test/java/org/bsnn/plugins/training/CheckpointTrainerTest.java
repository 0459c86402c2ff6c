package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkIO;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTrainerTest {

  @TempDir Path dir;

  private static Network load(Path path, TestDataset data, TestContext ctx) {
    return new CheckpointTrainer(new CheckpointConfig(path.toString()))
        .train(Optional.of(GradientTrainerTest.tiny("c4p-fc3", 9)), data, Optional.empty(), ctx);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void loadsTheSavedNetworkAndRecordsItsSha256() throws Exception {
    Network saved = GradientTrainerTest.tiny("c4p-fc3", 1);
    Path net = dir.resolve("net");
    NetworkIO.save(saved, net);
    TestContext ctx = new TestContext(0, dir.resolve("run"));
    Network loaded = load(net, new TestDataset(8, 1, 8, 8, 3, 5), ctx);

    assertEquals(saved, loaded);
    assertEquals(net.toAbsolutePath().normalize().toString(), ctx.provenance.get("checkpoint"));
    assertEquals(
        sha256(Files.readAllBytes(net.resolve("network.json"))),
        ctx.provenance.get("checkpointNetworkJsonSha256"));
    StringBuilder lines = new StringBuilder();
    try (Stream<Path> files = Files.list(net.resolve("tensors"))) {
      for (Path f : files.sorted().toList()) {
        lines
            .append(f.getFileName())
            .append('\0')
            .append(sha256(Files.readAllBytes(f)))
            .append('\n');
      }
    }
    assertEquals(
        sha256(lines.toString().getBytes(StandardCharsets.UTF_8)),
        ctx.provenance.get("checkpointTensorsSha256"));
    assertTrue(ctx.emitted.isEmpty(), "no training, no training measurements");
  }

  @Test
  void aCheckpointHoldingNanIsRefusedNamingNodeAndParameter() throws Exception {
    Network saved = GradientTrainerTest.tiny("c4p-fc3", 1);
    Path net = dir.resolve("nan");
    NetworkIO.save(saved, net);
    String node = saved.weightedNodes().get(0).name();
    Path weight = net.resolve("tensors/" + node + ".weight.npy");
    org.nd4j.linalg.api.ndarray.INDArray w = org.bsnn.api.network.Npy.read(weight);
    w.putScalar(5, Float.NaN);
    org.bsnn.api.network.Npy.write(weight, w);
    TestContext ctx = new TestContext(0, dir.resolve("run"));
    UserFacingException e =
        assertThrows(
            UserFacingException.class, () -> load(net, new TestDataset(8, 1, 8, 8, 3, 5), ctx));
    assertTrue(
        e.getMessage().contains("node '" + node + "' parameter 'weight' holds NaN at index"),
        e.getMessage());
    assertTrue(e.getMessage().contains(net.resolve("network.json").toString()), e.getMessage());
  }

  @Test
  void differentWeightsGiveADifferentTensorDigest() {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    NetworkIO.save(GradientTrainerTest.tiny("c4p-fc3", 1), a);
    NetworkIO.save(GradientTrainerTest.tiny("c4p-fc3", 2), b);
    TestContext ca = new TestContext(0, dir.resolve("ra"));
    TestContext cb = new TestContext(0, dir.resolve("rb"));
    TestDataset data = new TestDataset(8, 1, 8, 8, 3, 5);
    load(a, data, ca);
    load(b, data, cb);
    assertEquals(
        ca.provenance.get("checkpointNetworkJsonSha256"),
        cb.provenance.get("checkpointNetworkJsonSha256"),
        "same structure");
    assertNotEquals(
        ca.provenance.get("checkpointTensorsSha256"), cb.provenance.get("checkpointTensorsSha256"));
  }

  @Test
  void mismatchedShapesNameBoth() {
    Path net = dir.resolve("net");
    NetworkIO.save(GradientTrainerTest.tiny("c4p-fc3", 1), net);
    TestContext ctx = new TestContext(0, dir.resolve("run"));
    UserFacingException input =
        assertThrows(
            UserFacingException.class, () -> load(net, new TestDataset(8, 3, 8, 8, 3, 5), ctx));
    assertTrue(
        input.getMessage().contains("1x8x8")
            && input.getMessage().contains("3x8x8")
            && input.getMessage().contains(net.toString()),
        input.getMessage());
    UserFacingException classes =
        assertThrows(
            UserFacingException.class, () -> load(net, new TestDataset(8, 1, 8, 8, 5, 5), ctx));
    assertTrue(
        classes.getMessage().contains("3 outputs") && classes.getMessage().contains("5 classes"),
        classes.getMessage());
  }

  @Test
  void fullPrecisionLayersABinarizerSelectsAreReportedAsBinarizedWithoutTraining() {
    Path net = dir.resolve("net");
    NetworkIO.save(GradientTrainerTest.tiny("c4-c4p-fc8-fc3", 1), net);
    TestContext ctx = new TestContext(0, dir.resolve("run"));
    new CheckpointTrainer(new CheckpointConfig(net.toString()))
        .train(
            Optional.empty(),
            new TestDataset(8, 1, 8, 8, 3, 5),
            Optional.of(new TestXnorBinarizer()),
            ctx);
    assertEquals(List.of("conv2", "fc1"), ctx.provenance.get("binarizedWithoutTraining"));
    assertTrue(
        ctx.logs.stream().anyMatch(l -> l.startsWith("WARN") && l.contains("without training")),
        ctx.logs.toString());

    // an already binary network: nothing to warn about
    Path binary = dir.resolve("binary");
    Network bin = new TestXnorBinarizer().apply(GradientTrainerTest.tiny("c4-c4p-fc8-fc3", 1));
    NetworkIO.save(bin, binary);
    TestContext quiet = new TestContext(0, dir.resolve("run2"));
    new CheckpointTrainer(new CheckpointConfig(binary.toString()))
        .train(
            Optional.empty(),
            new TestDataset(8, 1, 8, 8, 3, 5),
            Optional.of(new TestXnorBinarizer()),
            quiet);
    assertTrue(
        !quiet.provenance.containsKey("binarizedWithoutTraining"), quiet.provenance.toString());
  }
}
