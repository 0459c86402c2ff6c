package org.bsnn.plugins.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the importer refuses, and that its messages name the file, the node and the operator. */
class OnnxImportErrorsTest {

  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f;
  }

  private String refusal(String name, TinyOnnx model) throws IOException {
    Path f = write(name, model.bytes());
    OnnxImportException e =
        assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(f, true));
    assertTrue(e.getMessage().startsWith(f.toString() + ":"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void theTinyModelImports() throws IOException {
    Network net = OnnxImporter.importFile(write("tiny.onnx", new TinyOnnx().bytes()), true);
    assertEquals("tiny", net.name());
    assertEquals(3, NetworkForward.shapes(net).get(net.output())[0]);
    assertTrue(Arrays.equals(new long[] {1, 4, 4}, net.inputShape()));
  }

  @Test
  void truncatedFile() throws IOException {
    byte[] whole = Files.readAllBytes(PyTorchFixtures.file("vgg.onnx"));
    Path f = write("cut.onnx", Arrays.copyOf(whole, whole.length / 2));
    OnnxImportException e =
        assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(f, true));
    assertTrue(e.getMessage().startsWith(f + ": not an ONNX model: "), e.getMessage());
  }

  @Test
  void unrelatedFile() throws IOException {
    Path f = write("notes.onnx", "hello, this is not a model\n".getBytes());
    OnnxImportException e =
        assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(f, true));
    assertTrue(e.getMessage().startsWith(f + ": not an ONNX model"), e.getMessage());
  }

  @Test
  void unsupportedOperatorNamesNodeOpAndTheSupportedList() throws IOException {
    TinyOnnx m = new TinyOnnx();
    m.activation = "Sigmoid";
    String msg = refusal("sigmoid.onnx", m);
    assertTrue(msg.contains("node 'act'"), msg);
    assertTrue(msg.contains("Sigmoid"), msg);
    assertTrue(msg.contains("supported operators: Conv, Gemm"), msg);
  }

  @Test
  void groupedConvolution() throws IOException {
    TinyOnnx m = new TinyOnnx();
    m.group = 2;
    String msg = refusal("grouped.onnx", m);
    assertTrue(msg.contains("node 'conv' (Conv)") && msg.contains("group = 2"), msg);
  }

  @Test
  void asymmetricPadding() throws IOException {
    TinyOnnx m = new TinyOnnx();
    m.pads = new long[] {0, 0, 1, 1};
    String msg = refusal("asymmetric.onnx", m);
    assertTrue(msg.contains("node 'conv' (Conv)") && msg.contains("asymmetric"), msg);
  }

  @Test
  void nanWeight() throws IOException {
    TinyOnnx m = new TinyOnnx();
    m.firstWeight = Float.NaN;
    String msg = refusal("nan.onnx", m);
    assertTrue(msg.contains("node 'conv' (Conv)") && msg.contains("NaN"), msg);
    m.firstWeight = Float.POSITIVE_INFINITY;
    assertTrue(refusal("inf.onnx", m).contains("Infinity"));
  }

  @Test
  void dynamicImageSize() throws IOException {
    TinyOnnx m = new TinyOnnx();
    m.dynamicHeight = true;
    String msg = refusal("dynamic.onnx", m);
    assertTrue(msg.contains("dynamic height dimension ('height')"), msg);
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("absent.onnx");
    OnnxImportException e =
        assertThrows(OnnxImportException.class, () -> OnnxImporter.importFile(f, true));
    assertEquals(f + ": no such file", e.getMessage());
  }
}
