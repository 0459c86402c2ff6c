package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import onnx.Onnx;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.NetworkIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bsnn import}: writes an IR directory from the interop module's PyTorch fixtures; bad
 * models exit with code 2, a message naming file and node, and nothing written.
 */
class ImportCommandTest {

  private static final Path FIXTURES =
      Path.of("..", "plugins", "interop", "src", "test", "resources", "pytorch");

  @TempDir Path dir;

  @Test
  void importsAnOnnxModel() {
    Path out = dir.resolve("bvgg-ir");
    CliRun cli = new CliRun();
    assertEquals(
        0,
        cli.run("import", FIXTURES.resolve("bvgg.onnx").toString(), "--out", out.toString()),
        cli.err());
    assertTrue(cli.out().contains("(3 binary)"), cli.out());
    Network net = NetworkIO.load(out);
    assertEquals(10, NetworkForward.shapes(net).get(net.output())[0]);
    assertEquals(
        3,
        net.weightedNodes().stream()
            .filter(n -> n.layer().asWeighted().orElseThrow().weights().isBinary())
            .count());

    Path full = dir.resolve("bvgg-fp");
    assertEquals(
        0,
        new CliRun()
            .run(
                "import",
                FIXTURES.resolve("bvgg.onnx").toString(),
                "--out",
                full.toString(),
                "--full-precision"));
    assertTrue(
        NetworkIO.load(full).weightedNodes().stream()
            .noneMatch(n -> n.layer().asWeighted().orElseThrow().weights().isBinary()));
  }

  @Test
  void truncatedModelWritesNothing() throws IOException {
    byte[] whole = Files.readAllBytes(FIXTURES.resolve("vgg.onnx"));
    Path model = dir.resolve("cut.onnx");
    Files.write(model, Arrays.copyOf(whole, whole.length / 3));
    assertRefused(model, "not an ONNX model");
  }

  @Test
  void unsupportedOperatorWritesNothing() throws IOException {
    Onnx.ModelProto.Builder m =
        Onnx.ModelProto.parseFrom(Files.readAllBytes(FIXTURES.resolve("vgg.onnx"))).toBuilder();
    Onnx.NodeProto.Builder relu =
        m.getGraphBuilder().getNodeBuilderList().stream()
            .filter(n -> n.getOpType().equals("Relu"))
            .findFirst()
            .orElseThrow();
    relu.setOpType("Softsign");
    Path model = dir.resolve("softsign.onnx");
    Files.write(model, m.build().toByteArray());
    String err = assertRefused(model, "node '" + relu.getName() + "' has operator Softsign");
    assertTrue(err.contains("supported operators: Conv"), err);
  }

  @Test
  void existingOutputIsKept() throws IOException {
    Path out = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(out.resolve("notes.txt"), "mine");
    CliRun cli = new CliRun();
    assertEquals(
        2, cli.run("import", FIXTURES.resolve("vgg.onnx").toString(), "--out", out.toString()));
    assertTrue(cli.err().contains("already exists"), cli.err());
    assertEquals(List.of(out.resolve("notes.txt")), list(out));
  }

  @Test
  void unknownFileKind() {
    CliRun cli = new CliRun();
    assertEquals(2, cli.run("import", "model.h5", "--out", dir.resolve("x").toString()));
    assertTrue(cli.err().contains("no importer reads this kind of file"), cli.err());
  }

  private String assertRefused(Path model, String expected) throws IOException {
    Path out = dir.resolve("out");
    CliRun cli = new CliRun();
    assertEquals(2, cli.run("import", model.toString(), "--out", out.toString()), cli.err());
    assertTrue(cli.err().startsWith("error: " + model + ":"), cli.err());
    assertTrue(cli.err().contains(expected), cli.err());
    assertFalse(cli.err().contains("Exception"), cli.err());
    assertFalse(Files.exists(out));
    assertEquals(List.of(model), list(dir), "nothing written beside the model");
    return cli.err();
  }

  private static List<Path> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    }
  }
}
