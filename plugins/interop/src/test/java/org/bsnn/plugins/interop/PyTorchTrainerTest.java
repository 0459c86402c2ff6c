package org.bsnn.plugins.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Npy;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.plugins.models.ResNetSmallConfig;
import org.bsnn.plugins.models.ResNetSmallProvider;
import org.bsnn.plugins.models.VggSmallProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code pytorch} trainer: a state_dict trained in PyTorch as the workbench's {@code vgg-small}
 * loads into the network {@code model: vgg-small} builds and gives PyTorch's logits; a checkpoint
 * of another architecture, or one holding NaN, is refused with a message.
 */
class PyTorchTrainerTest {

  private static final double TOLERANCE = 1e-4;

  @TempDir Path dir;

  private static DatasetInfo fashionMnist() {
    List<String> names = IntStream.range(0, 10).mapToObj(c -> "c" + c).toList();
    return new DatasetInfo("fashion-mnist", 1, 28, 28, names, Map.of(), Map.of());
  }

  /** The network {@code model: vgg-small} (its defaults) builds for Fashion-MNIST. */
  private static Network vggSmall() {
    VggSmallProvider provider = new VggSmallProvider();
    return provider.create(provider.defaults()).build(fashionMnist(), new TestRunContext(1));
  }

  private static Dataset described() {
    DatasetInfo info = fashionMnist();
    return new Dataset() {
      @Override
      public DatasetInfo info() {
        return info;
      }

      @Override
      public DataSplit train() {
        throw new AssertionError("the pytorch trainer does not train");
      }

      @Override
      public DataSplit test() {
        throw new AssertionError("the pytorch trainer does not evaluate");
      }
    };
  }

  private static Network train(Path file, Optional<Network> model, TestRunContext ctx) {
    return new PyTorchProvider()
        .create(new PyTorchConfig(file.toString(), true))
        .train(model, described(), Optional.empty(), ctx);
  }

  /** The network {@code model: resnet-small} (its defaults) builds for Fashion-MNIST. */
  private static Network resNetSmall() {
    ResNetSmallProvider provider = new ResNetSmallProvider();
    return provider.create(provider.defaults()).build(fashionMnist(), new TestRunContext(1));
  }

  @Test
  void vggSmallGivesPyTorchsLogits() {
    assertPyTorchsLogits(vggSmall(), "vgg-small");
  }

  /** Batch norm (weight, bias, running mean and variance; num_batches_tracked skipped), adds. */
  @Test
  void resNetSmallGivesPyTorchsLogits() {
    assertPyTorchsLogits(resNetSmall(), "resnet-small");
  }

  /**
   * Loads NAME.pt into {@code model} and compares its logits on the fixture images with PyTorch's
   * (NAME.logits.npy, NAME.argmax.npy).
   */
  private static void assertPyTorchsLogits(Network model, String name) {
    DataSplit images = PyTorchFixtures.testImages();
    Network net = PyTorchTrainer.load(model, PyTorchFixtures.file(name + ".pt"), true);
    float[][] expected = Npy.read(PyTorchFixtures.file(name + ".logits.npy")).toFloatMatrix();
    INDArray argmax = Npy.read(PyTorchFixtures.file(name + ".argmax.npy"));
    double maxDiff = 0;
    int row = 0;
    int sameClass = 0;
    Iterator<Batch> batches = images.batches(100);
    while (batches.hasNext()) {
      try (Batch batch = batches.next();
          INDArray out = NetworkForward.run(net, batch.features())) {
        for (float[] g : out.toFloatMatrix()) {
          int best = 0;
          for (int c = 0; c < g.length; c++) {
            maxDiff = Math.max(maxDiff, Math.abs(g[c] - expected[row][c]));
            best = g[c] > g[best] ? c : best;
          }
          sameClass += best == argmax.getInt(row) ? 1 : 0;
          row++;
        }
      }
    }
    System.out.printf("%s.pt: max |logit difference| %.3g over %d images%n", name, maxDiff, row);
    assertEquals(PyTorchFixtures.IMAGES, row);
    assertTrue(maxDiff <= TOLERANCE, name + ": max |logit difference| " + maxDiff);
    assertEquals(PyTorchFixtures.IMAGES, sameClass, name + ": images with PyTorch's class");
  }

  @Test
  void recordsTheFileInProvenance() throws Exception {
    Path file = PyTorchFixtures.file("vgg-small.pt");
    TestRunContext ctx = new TestRunContext(1);
    Network net = train(file, Optional.of(vggSmall()), ctx);
    String expected =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    Map<String, Object> p = ctx.recordedProvenance();
    assertEquals(expected, p.get("pytorchSha256"));
    assertEquals(file.toAbsolutePath().normalize().toString(), p.get("pytorch"));
    assertEquals(List.of(), p.get("pytorchBinaryLayers"), "a full-precision checkpoint");
    assertEquals(6, net.weightedNodes().size());
  }

  @Test
  void wrongArchitectureShowsBothLists() {
    Path file = PyTorchFixtures.file("vgg.pt");
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> train(file, Optional.of(vggSmall()), new TestRunContext(1)));
    String msg = e.getMessage();
    assertTrue(msg.startsWith(file + ": the state_dict does not fit model"), msg);
    // vgg-small has no biases and 32 first filters; vgg.pt's first conv has 8 and a bias
    assertTrue(msg.contains("! conv1.weight [32, 1, 3, 3]"), msg);
    assertTrue(msg.contains("| conv1.weight [8, 1, 3, 3]"), msg);
    assertTrue(msg.contains("fc2.weight [10, 256]") && msg.contains("| fc2.bias [10]"), msg);
  }

  @Test
  void resNetSmallOfOtherWidthsShowsBothListsWithRunningStatistics() {
    Path file = PyTorchFixtures.file("resnet-small.pt");
    ResNetSmallProvider provider = new ResNetSmallProvider();
    Network narrow =
        provider
            .create(new ResNetSmallConfig(List.of(8, 16, 32), List.of(1, 1, 1)))
            .build(fashionMnist(), new TestRunContext(1));
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> train(file, Optional.of(narrow), new TestRunContext(1)));
    String msg = e.getMessage();
    assertTrue(msg.startsWith(file + ": the state_dict does not fit model"), msg);
    // the fixture's stem has 16 channels, this model's 8; batch norm's four tensors each get a row
    assertTrue(msg.contains("! stem-bn.running_mean [8]"), msg);
    assertTrue(msg.contains("| stem_bn.running_mean [16]"), msg);
    assertTrue(msg.contains("! stem-bn.running_var [8]"), msg);
    assertTrue(msg.contains("| stem_bn.running_var [16]"), msg);
    // same count on both sides: num_batches_tracked is not a parameter and is left out of the list
    assertTrue(!msg.contains("num_batches_tracked ["), msg);
    assertTrue(msg.contains("fc.bias [10]"), msg);
  }

  @Test
  void nanTensorIsRefused() throws IOException {
    Path bad = dir.resolve("nan.pt");
    writeWithFirstValueNaN(PyTorchFixtures.file("vgg-small.pt"), bad);
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> train(bad, Optional.of(vggSmall()), new TestRunContext(1)));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    assertTrue(
        e.getMessage().contains("'conv1'") && e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void needsAModelStage() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                train(
                    PyTorchFixtures.file("vgg-small.pt"), Optional.empty(), new TestRunContext(1)));
    assertTrue(e.getMessage().contains("model: stage"), e.getMessage());
  }

  /** Copies a torch.save zip, setting the first value of storage 0 (conv1.weight) to NaN. */
  private static void writeWithFirstValueNaN(Path from, Path to) throws IOException {
    // torch.save stores its entries uncompressed with data descriptors, which ZipInputStream
    // cannot read; ZipFile reads them from the central directory
    try (ZipFile in = new ZipFile(from.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      for (ZipEntry e : Collections.list(in.entries())) {
        byte[] bytes = in.getInputStream(e).readAllBytes();
        if (e.getName().endsWith("/data/0")) {
          ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, Float.NaN);
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(bytes);
        out.closeEntry();
      }
    }
  }
}
