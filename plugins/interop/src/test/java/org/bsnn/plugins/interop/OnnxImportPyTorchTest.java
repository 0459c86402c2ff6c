package org.bsnn.plugins.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The importer against real PyTorch exports: on the first 500 Fashion-MNIST test images the
 * imported networks give PyTorch's logits within 1e-4 and the same class on every image.
 */
class OnnxImportPyTorchTest {

  private static final double TOLERANCE = 1e-4;

  private static DataSplit images;

  @BeforeAll
  static void readImages() {
    images = PyTorchFixtures.testImages();
  }

  @ParameterizedTest(name = "{0}.onnx")
  @CsvSource({"vgg, vgg", "resnet, resnet", "resnet-bn, resnet", "bvgg, bvgg"})
  void logitsMatchPyTorch(String model, String reference) {
    Network net = OnnxImporter.importFile(PyTorchFixtures.file(model + ".onnx"), true);
    assertLogitsMatch(net, reference, model);
  }

  @Test
  void batchNormIsKeptOrFoldedAsExported() {
    Network preserved = OnnxImporter.importFile(PyTorchFixtures.file("resnet-bn.onnx"), true);
    Network folded = OnnxImporter.importFile(PyTorchFixtures.file("resnet.onnx"), true);
    assertEquals(
        count(preserved, "conv2d"),
        count(preserved, "batchnorm"),
        "resnet-bn.onnx keeps one BatchNormalization per Conv");
    assertTrue(count(preserved, "batchnorm") > 0);
    assertEquals(0, count(folded, "batchnorm"), "resnet.onnx has batch norm folded into Conv");
    assertEquals(2, count(folded, "add"), "residual adds");
    assertEquals(1, count(folded, "avgpool2d"), "GlobalAveragePool");
  }

  @Test
  void binaryHiddenLayersAreRecognised() {
    Network net = OnnxImporter.importFile(PyTorchFixtures.file("bvgg.onnx"), true);
    List<Node> weighted = net.weightedNodes();
    assertEquals(5, weighted.size());
    for (int i = 0; i < weighted.size(); i++) {
      boolean hidden = i > 0 && i < weighted.size() - 1;
      Node node = weighted.get(i);
      assertEquals(
          hidden,
          node.layer().asWeighted().orElseThrow().weights().isBinary(),
          node.name() + " binary");
    }
    Network full = OnnxImporter.importFile(PyTorchFixtures.file("bvgg.onnx"), false);
    assertTrue(
        full.weightedNodes().stream()
            .noneMatch(n -> n.layer().asWeighted().orElseThrow().weights().isBinary()));
    assertLogitsMatch(full, "bvgg", "bvgg (binary: false)");
    Network vgg = OnnxImporter.importFile(PyTorchFixtures.file("vgg.onnx"), true);
    assertFalse(
        vgg.weightedNodes().stream()
            .anyMatch(n -> n.layer().asWeighted().orElseThrow().weights().isBinary()),
        "a full-precision network has no binary layer");
  }

  private static long count(Network net, String type) {
    return net.nodes().stream().filter(n -> n.layer().type().equals(type)).count();
  }

  private static void assertLogitsMatch(Network net, String reference, String label) {
    float[][] expected = Npy.read(PyTorchFixtures.file(reference + ".logits.npy")).toFloatMatrix();
    INDArray argmax = Npy.read(PyTorchFixtures.file(reference + ".argmax.npy"));
    assertEquals(PyTorchFixtures.IMAGES, expected.length);
    double maxDiff = 0;
    int row = 0;
    int sameClass = 0;
    Iterator<Batch> batches = images.batches(100);
    while (batches.hasNext()) {
      try (Batch batch = batches.next();
          INDArray out = NetworkForward.run(net, batch.features())) {
        float[][] got = out.toFloatMatrix();
        for (float[] g : got) {
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
    System.out.printf("%s: max |logit difference| %.3g over %d images%n", label, maxDiff, row);
    assertEquals(PyTorchFixtures.IMAGES, row);
    assertTrue(maxDiff <= TOLERANCE, label + ": max |logit difference| " + maxDiff);
    assertEquals(PyTorchFixtures.IMAGES, sameClass, label + ": images with PyTorch's class");
  }
}
