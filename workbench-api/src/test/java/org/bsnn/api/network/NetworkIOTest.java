package org.bsnn.api.network;

import static org.bsnn.api.network.PythonScript.assumeNumpy;
import static org.bsnn.api.network.PythonScript.python;
import static org.bsnn.api.network.TestArrays.positive;
import static org.bsnn.api.network.TestArrays.randn;
import static org.bsnn.api.network.TestArrays.signs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworkIOTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;

  /** Every layer type, both weight kinds, with and without bias, BN on images and on vectors. */
  static Network everyLayer() {
    return new Network(
        "every-layer",
        new long[] {3, 8, 8},
        List.of(
            Node.of(
                "conv1",
                new Layer.Conv2d(
                    3, 1, 1, new Weights.FullPrecision(randn(1, 4, 3, 3, 3)), randn(2, 4)),
                Network.INPUT),
            Node.of(
                "bn1",
                new Layer.BatchNorm(randn(3, 4), randn(4, 4), randn(5, 4), positive(6, 4), 1e-5),
                "conv1"),
            Node.of("relu1", new Layer.Relu(), "bn1"),
            Node.of(
                "conv2",
                new Layer.Conv2d(
                    3, 1, 1, new Weights.Binary(signs(7, 4, 4, 3, 3), positive(8, 4)), null),
                "relu1"),
            new Node("res", new Layer.Add(), List.of("relu1", "conv2")),
            Node.of("max", new Layer.MaxPool2d(2, 2), "res"),
            Node.of("avg", new Layer.AvgPool2d(2, 2), "max"),
            Node.of("drop", new Layer.Dropout(0.25), "avg"),
            Node.of("flat", new Layer.Flatten(), "drop"),
            Node.of(
                "fc1",
                new Layer.Dense(new Weights.Binary(signs(9, 8, 16), positive(10, 8)), randn(11, 8)),
                "flat"),
            Node.of(
                "bn2",
                new Layer.BatchNorm(
                    randn(12, 8), randn(13, 8), randn(14, 8), positive(15, 8), 1e-3),
                "fc1"),
            Node.of("relu2", new Layer.Relu(), "bn2"),
            Node.of(
                "fc2",
                new Layer.Dense(new Weights.FullPrecision(randn(16, 10, 8)), null),
                "relu2")),
        "fc2");
  }

  @Test
  void roundTripGivesEqualTensorsAndOutputs() {
    Network net = everyLayer();
    Path dir = tmp.resolve("net");
    NetworkIO.save(net, dir);
    Network back = NetworkIO.load(dir);

    assertEquals(net, back);
    for (int i = 0; i < net.nodes().size(); i++) {
      List<INDArray> a = tensors(net.nodes().get(i).layer());
      List<INDArray> b = tensors(back.nodes().get(i).layer());
      assertEquals(a.size(), b.size(), net.nodes().get(i).name());
      for (int t = 0; t < a.size(); t++) {
        assertArrayEquals(a.get(t).shape(), b.get(t).shape());
        assertArrayEquals(
            a.get(t).dup('c').data().asFloat(), b.get(t).dup('c').data().asFloat(), 0f, "exact");
      }
    }
    INDArray x = randn(17, 2, 3, 8, 8);
    assertEquals(NetworkForward.run(net, x), NetworkForward.run(back, x));
  }

  @Test
  void signRoundTripsWithoutTensorsOrAttributes() throws IOException {
    Network net =
        new Network(
            "binary-activations",
            new long[] {1, 4, 4},
            List.of(
                Node.of(
                    "bn",
                    new Layer.BatchNorm(
                        randn(1, 1), randn(2, 1), randn(3, 1), positive(4, 1), 1e-4),
                    Network.INPUT),
                Node.of("sign", new Layer.Sign(), "bn"),
                Node.of("flat", new Layer.Flatten(), "sign"),
                Node.of(
                    "fc",
                    new Layer.Dense(new Weights.FullPrecision(randn(5, 3, 16)), null),
                    "flat")),
            "fc");
    Path dir = tmp.resolve("sign");
    NetworkIO.save(net, dir);
    JsonNode node = MAPPER.readTree(dir.resolve("network.json").toFile()).get("nodes").get(1);
    assertEquals("sign", node.get("type").asText());
    assertEquals(0, node.get("attributes").size());
    assertEquals(0, node.get("tensors").size());
    Network back = NetworkIO.load(dir);
    assertEquals(net, back);
    INDArray x = randn(6, 3, 1, 4, 4);
    assertEquals(NetworkForward.run(net, x), NetworkForward.run(back, x));
  }

  @Test
  void layoutIsNetworkJsonPlusOneNpyPerParameter() throws IOException {
    Path dir = tmp.resolve("net");
    NetworkIO.save(everyLayer(), dir);
    JsonNode root = MAPPER.readTree(dir.resolve("network.json").toFile());
    assertEquals(List.of("format", "name", "inputShape", "output", "nodes"), fieldNames(root));
    assertEquals(1, root.get("format").intValue());
    assertEquals("fc2", root.get("output").textValue());
    assertEquals("[3,8,8]", root.get("inputShape").toString());
    JsonNode conv1 = root.get("nodes").get(0);
    assertEquals(
        List.of("name", "type", "inputs", "attributes", "weights", "tensors"), fieldNames(conv1));
    assertEquals("conv2d", conv1.get("type").textValue());
    assertEquals("{\"kernel\":3,\"padding\":1,\"stride\":1}", conv1.get("attributes").toString());
    assertEquals("full-precision", conv1.get("weights").textValue());
    assertEquals(
        "{\"bias\":\"conv1.bias.npy\",\"weight\":\"conv1.weight.npy\"}",
        conv1.get("tensors").toString());
    JsonNode conv2 = root.get("nodes").get(3);
    assertEquals("binary", conv2.get("weights").textValue());
    assertEquals(
        "{\"alpha\":\"conv2.alpha.npy\",\"signs\":\"conv2.signs.npy\"}",
        conv2.get("tensors").toString());
    assertEquals("[\"relu1\",\"conv2\"]", root.get("nodes").get(4).get("inputs").toString());
    assertEquals("{\"rate\":0.25}", root.get("nodes").get(7).get("attributes").toString());
    assertEquals(1e-3, root.get("nodes").get(10).get("attributes").get("epsilon").doubleValue());

    Set<String> files;
    try (Stream<Path> s = Files.list(dir.resolve("tensors"))) {
      files = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                "conv1.weight.npy",
                "conv1.bias.npy",
                "bn1.gamma.npy",
                "bn1.beta.npy",
                "bn1.mean.npy",
                "bn1.variance.npy",
                "conv2.signs.npy",
                "conv2.alpha.npy",
                "fc1.signs.npy",
                "fc1.alpha.npy",
                "fc1.bias.npy",
                "bn2.gamma.npy",
                "bn2.beta.npy",
                "bn2.mean.npy",
                "bn2.variance.npy",
                "fc2.weight.npy")),
        files);
    String signsHeader =
        new String(
            Files.readAllBytes(dir.resolve("tensors/conv2.signs.npy")),
            0,
            60,
            StandardCharsets.ISO_8859_1);
    assertTrue(signsHeader.contains("'|i1'"), signsHeader);
  }

  @Test
  void saveIsStableAndReplacesAnEarlierNetworkWithoutLeftovers() throws IOException {
    Path dir = tmp.resolve("net");
    NetworkIO.save(everyLayer(), dir);
    String first = Files.readString(dir.resolve("network.json"));
    Network small = smallDense();
    NetworkIO.save(small, dir);
    assertEquals(small, NetworkIO.load(dir));
    assertFalse(Files.exists(dir.resolve("tensors/conv1.weight.npy")), "old tensors are gone");
    NetworkIO.save(everyLayer(), dir);
    assertEquals(first, Files.readString(dir.resolve("network.json")), "same network, same bytes");
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(
          List.of("net"),
          s.map(p -> p.getFileName().toString()).toList(),
          "no temporary siblings left");
    }
  }

  @Test
  void saveRefusesToReplaceSomethingElse() throws IOException {
    Path foreign = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(foreign.resolve("thesis.tex"), "precious");
    UserFacingException e =
        assertThrows(UserFacingException.class, () -> NetworkIO.save(everyLayer(), foreign));
    assertTrue(e.getMessage().contains("refusing"), e.getMessage());
    assertEquals("precious", Files.readString(foreign.resolve("thesis.tex")));

    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThrows(UserFacingException.class, () -> NetworkIO.save(everyLayer(), file));

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    NetworkIO.save(everyLayer(), empty);
    assertEquals(everyLayer(), NetworkIO.load(empty));
  }

  @Test
  void nodeNamesMustBeUsableAsFileNames() {
    Network net =
        new Network(
            "n",
            new long[] {1, 2, 2},
            List.of(
                Node.of("a/b", new Layer.Flatten(), Network.INPUT),
                Node.of(
                    "fc", new Layer.Dense(new Weights.FullPrecision(randn(1, 2, 4)), null), "a/b")),
            "fc");
    assertThrows(UserFacingException.class, () -> NetworkIO.save(net, tmp.resolve("n")));
    assertFalse(Files.exists(tmp.resolve("n")));
  }

  @Test
  void missingDirectoryOrFileIsNamed() throws IOException {
    assertLoadFails(tmp.resolve("nowhere"), "network.json");
    Path dir = saved();
    Files.delete(dir.resolve("tensors/bn1.mean.npy"));
    assertLoadFails(dir, "bn1.mean.npy", "'bn1'");
  }

  @Test
  void unknownLayerTypeIsNamed() throws IOException {
    Path dir = saved();
    editNode(dir, 2, n -> n.put("type", "gelu"));
    assertLoadFails(dir, "'relu1'", "unknown layer type 'gelu'");
  }

  @Test
  void wrongTensorShapesAreNamed() throws IOException {
    Path dir = saved();
    Npy.write(dir.resolve("tensors/conv1.bias.npy"), randn(1, 5));
    assertLoadFails(dir, "conv1.bias.npy", "'conv1'", "[5]", "expected [4]");

    dir = saved();
    Npy.write(dir.resolve("tensors/conv1.weight.npy"), randn(1, 4, 3, 5, 5));
    assertLoadFails(dir, "'conv1'", "[4, 3, 5, 5]", "kernel is 3");

    dir = saved();
    Npy.write(dir.resolve("tensors/fc2.weight.npy"), randn(1, 10, 7));
    assertLoadFails(dir, "'fc2'", "expects 7 input features, got 8");

    dir = saved();
    Npy.write(dir.resolve("tensors/fc1.alpha.npy"), positive(1, 8, 1));
    assertLoadFails(dir, "fc1.alpha.npy", "'fc1'");
  }

  @Test
  void invalidBinaryWeightsAreNamed() throws IOException {
    Path dir = saved();
    INDArray s = signs(1, 8, 16);
    s.putScalar(3, 0);
    Npy.writeInt8(dir.resolve("tensors/fc1.signs.npy"), s);
    assertLoadFails(dir, "fc1.signs.npy", "'fc1'", "-1 or +1");
  }

  @Test
  void nanOrInfinityInAnyParameterIsNamedWithNodeParameterAndIndex() throws IOException {
    // one of each kind: full-precision weight, bias, batch-norm statistic, binary alpha
    Path dir = saved();
    INDArray w = Npy.read(dir.resolve("tensors/fc2.weight.npy"));
    w.putScalar(new long[] {3, 5}, Float.NaN);
    Npy.write(dir.resolve("tensors/fc2.weight.npy"), w);
    assertLoadFails(
        dir,
        "network " + dir.resolve("network.json"),
        "node 'fc2' parameter 'weight' holds NaN at index [3, 5] (1 of 80 values is NaN or infinite)",
        "corrupt or training diverged");

    dir = saved();
    INDArray bias = Npy.read(dir.resolve("tensors/conv1.bias.npy"));
    bias.putScalar(2, Float.NEGATIVE_INFINITY);
    Npy.write(dir.resolve("tensors/conv1.bias.npy"), bias);
    assertLoadFails(dir, "node 'conv1' parameter 'bias' holds -Infinity at index [2]");

    dir = saved();
    INDArray variance = Npy.read(dir.resolve("tensors/bn2.variance.npy"));
    variance.putScalar(0, Float.POSITIVE_INFINITY);
    variance.putScalar(7, Float.NaN);
    Npy.write(dir.resolve("tensors/bn2.variance.npy"), variance);
    assertLoadFails(
        dir, "node 'bn2' parameter 'variance' holds +Infinity at index [0] (2 of 8 values are");
  }

  @Test
  void malformedJsonIsRejected() throws IOException {
    Path dir = saved();
    editRoot(dir, r -> r.put("format", 2));
    assertLoadFails(dir, "network.json", "format 2");

    dir = saved();
    editNode(dir, 0, n -> ((ObjectNode) n.get("attributes")).remove("stride"));
    assertLoadFails(dir, "'conv1'", "'stride'");

    dir = saved();
    editNode(dir, 0, n -> n.put("weights", "ternary"));
    assertLoadFails(dir, "'conv1'", "ternary");

    dir = saved();
    editNode(dir, 0, n -> ((ObjectNode) n.get("tensors")).put("weight", "../../outside.npy"));
    assertLoadFails(dir, "'conv1'", "plain file name");

    dir = saved();
    editNode(dir, 4, n -> n.putArray("inputs").add("relu1").add("later"));
    assertLoadFails(dir, "network.json", "'later'");

    dir = saved();
    Files.writeString(dir.resolve("network.json"), "{ not json");
    assertLoadFails(dir, "network.json", "not valid JSON");
  }

  @Test
  void numpyCanReadTheTensorsAndWriteAnImportableNetwork() throws Exception {
    assumeNumpy();
    Path dir = saved();
    // numpy reads what we wrote ...
    python(
            "import sys, numpy as np",
            "w = np.load(sys.argv[1] + '/tensors/conv1.weight.npy'); s = np.load(sys.argv[1] + '/tensors/conv2.signs.npy')",
            "assert w.dtype == np.float32 and w.shape == (4, 3, 3, 3), (w.dtype, w.shape)",
            "assert s.dtype == np.int8 and s.shape == (4, 4, 3, 3) and set(np.unique(s)) == {-1, 1}")
        .run(dir);
    // ... and a network exported with numpy.save as docs/network-ir.md describes loads and
    // computes what numpy computes.
    Path exported = tmp.resolve("exported");
    python(
            "import sys, os, json, numpy as np",
            "d = sys.argv[1]; os.makedirs(d + '/tensors')",
            "rng = np.random.default_rng(0)",
            "w = rng.standard_normal((5, 12)).astype(np.float32); b = rng.standard_normal(5).astype(np.float32)",
            "signs = np.where(rng.standard_normal((3, 5)) >= 0, 1, -1).astype(np.int8); alpha = rng.uniform(0.5, 1.5, 3).astype(np.float32)",
            "np.save(d + '/tensors/fc1.weight.npy', w); np.save(d + '/tensors/fc1.bias.npy', b)",
            "np.save(d + '/tensors/fc2.signs.npy', signs); np.save(d + '/tensors/fc2.alpha.npy', alpha)",
            "net = {'format': 1, 'name': 'from-numpy', 'inputShape': [3, 2, 2], 'output': 'fc2', 'nodes': [",
            "  {'name': 'flat', 'type': 'flatten', 'inputs': ['input'], 'attributes': {}, 'tensors': {}},",
            "  {'name': 'fc1', 'type': 'dense', 'inputs': ['flat'], 'attributes': {}, 'weights': 'full-precision',",
            "   'tensors': {'weight': 'fc1.weight.npy', 'bias': 'fc1.bias.npy'}},",
            "  {'name': 'relu', 'type': 'relu', 'inputs': ['fc1'], 'attributes': {}, 'tensors': {}},",
            "  {'name': 'fc2', 'type': 'dense', 'inputs': ['relu'], 'attributes': {}, 'weights': 'binary',",
            "   'tensors': {'signs': 'fc2.signs.npy', 'alpha': 'fc2.alpha.npy'}}]}",
            "json.dump(net, open(d + '/network.json', 'w'), indent=2)",
            "x = rng.standard_normal((4, 3, 2, 2)).astype(np.float32)",
            "h = np.maximum(x.reshape(4, -1) @ w.T + b, 0)",
            "y = h @ (signs * alpha[:, None]).T",
            "np.save(d + '/x.npy', x); np.save(d + '/y.npy', y)")
        .run(exported);
    Network net = NetworkIO.load(exported);
    INDArray y = NetworkForward.run(net, Npy.read(exported.resolve("x.npy")));
    assertTrue(TestArrays.maxDiff(Npy.read(exported.resolve("y.npy")), y) < 1e-4);
    assertNull(((Layer.Dense) net.node("fc2").layer()).bias());
  }

  // ---------------------------------------------------------------- helpers

  private Path saved() {
    Path dir = tmp.resolve("net-" + System.nanoTime());
    NetworkIO.save(everyLayer(), dir);
    return dir;
  }

  private static void assertLoadFails(Path dir, String... parts) {
    UserFacingException e = assertThrows(UserFacingException.class, () -> NetworkIO.load(dir));
    for (String p : parts) {
      assertTrue(
          e.getMessage().contains(p), "message '" + e.getMessage() + "' should contain " + p);
    }
  }

  private static void editRoot(Path dir, Consumer<ObjectNode> edit) throws IOException {
    Path json = dir.resolve("network.json");
    ObjectNode root = (ObjectNode) MAPPER.readTree(json.toFile());
    edit.accept(root);
    Files.writeString(json, MAPPER.writeValueAsString(root));
  }

  private static void editNode(Path dir, int index, Consumer<ObjectNode> edit) throws IOException {
    editRoot(dir, r -> edit.accept((ObjectNode) r.get("nodes").get(index)));
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<INDArray> tensors(Layer layer) {
    List<INDArray> out = new ArrayList<>();
    Weights w = null;
    INDArray bias = null;
    if (layer instanceof Layer.Conv2d c) {
      w = c.weights();
      bias = c.bias();
    } else if (layer instanceof Layer.Dense d) {
      w = d.weights();
      bias = d.bias();
    } else if (layer instanceof Layer.BatchNorm bn) {
      out.addAll(List.of(bn.gamma(), bn.beta(), bn.mean(), bn.variance()));
    }
    if (w instanceof Weights.FullPrecision fp) {
      out.add(fp.values());
    } else if (w instanceof Weights.Binary b) {
      out.add(b.signs());
      out.add(b.alpha());
    }
    if (bias != null) {
      out.add(bias);
    }
    return out;
  }

  /** A second, different network: flatten then dense. */
  private static Network smallDense() {
    return new Network(
        "small",
        new long[] {1, 2, 2},
        List.of(
            Node.of("flat", new Layer.Flatten(), Network.INPUT),
            Node.of(
                "fc",
                new Layer.Dense(
                    new Weights.FullPrecision(randn(1, 3, 4)),
                    Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3)),
                "flat")),
        "fc");
  }
}
