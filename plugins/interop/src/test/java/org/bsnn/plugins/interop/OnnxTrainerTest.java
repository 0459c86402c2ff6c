package org.bsnn.plugins.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;

/** The {@code onnx} trainer: fits the model to the dataset and records the file in provenance. */
class OnnxTrainerTest {

  /** A dataset that only describes itself: the trainer reads nothing else. */
  private static Dataset described(int channels, int size, int classes) {
    List<String> names = IntStream.range(0, classes).mapToObj(c -> "c" + c).toList();
    DatasetInfo info =
        new DatasetInfo("described", channels, size, size, names, Map.of(), Map.of());
    return new Dataset() {
      @Override
      public DatasetInfo info() {
        return info;
      }

      @Override
      public DataSplit train() {
        throw new AssertionError("the onnx trainer does not train");
      }

      @Override
      public DataSplit test() {
        throw new AssertionError("the onnx trainer does not evaluate");
      }
    };
  }

  private static Network train(String file, boolean binary, Dataset data, TestRunContext ctx) {
    String path = PyTorchFixtures.file(file).toString();
    return new OnnxProvider()
        .create(new OnnxConfig(path, binary))
        .train(Optional.empty(), data, Optional.empty(), ctx);
  }

  @Test
  void importsAndRecordsTheFile() throws Exception {
    TestRunContext ctx = new TestRunContext(1);
    Network net = train("bvgg.onnx", true, described(1, 28, 10), ctx);
    Path file = PyTorchFixtures.file("bvgg.onnx");
    String expected =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    Map<String, Object> p = ctx.recordedProvenance();
    assertEquals(expected, p.get("onnxSha256"));
    assertEquals(file.toAbsolutePath().normalize().toString(), p.get("onnx"));
    assertEquals(3, ((List<?>) p.get("onnxBinaryLayers")).size(), p.toString());
    assertEquals(5, net.weightedNodes().size());

    TestRunContext full = new TestRunContext(1);
    train("bvgg.onnx", false, described(1, 28, 10), full);
    assertEquals(List.of(), full.recordedProvenance().get("onnxBinaryLayers"));
  }

  @Test
  void classCountMismatch() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> train("vgg.onnx", true, described(1, 28, 5), new TestRunContext(1)));
    assertTrue(e.getMessage().contains("vgg.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("10 class scores"), e.getMessage());
    assertTrue(e.getMessage().contains("has 5 classes"), e.getMessage());
  }

  @Test
  void preflightRefusesAModelThatDoesNotFitTheDatasetBeforeAnythingRuns() {
    String path = PyTorchFixtures.file("vgg.onnx").toString();
    var trainer = new OnnxProvider().create(new OnnxConfig(path, true));
    trainer.preflight(described(1, 28, 10).info());
    UserFacingException e =
        assertThrows(
            UserFacingException.class, () -> trainer.preflight(described(1, 28, 5).info()));
    assertTrue(e.getMessage().contains("vgg.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("has 5 classes"), e.getMessage());
  }

  @Test
  void inputShapeMismatch() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> train("resnet.onnx", true, described(3, 32, 10), new TestRunContext(1)));
    assertTrue(e.getMessage().contains("takes input 1x28x28"), e.getMessage());
    assertTrue(e.getMessage().contains("has images 3x32x32"), e.getMessage());
  }

  @Test
  void missingPath() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                new OnnxProvider()
                    .create(new OnnxConfig("", true))
                    .train(
                        Optional.empty(),
                        described(1, 28, 10),
                        Optional.empty(),
                        new TestRunContext(1)));
    assertTrue(e.getMessage().contains("train.path"), e.getMessage());
  }
}
