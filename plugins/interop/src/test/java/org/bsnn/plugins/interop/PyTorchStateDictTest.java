package org.bsnn.plugins.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state_dict reader against files torch.save wrote, and what it refuses. */
class PyTorchStateDictTest {

  @TempDir Path dir;

  @Test
  void readsKeysAndShapesInOrder() {
    List<StateDictTensor> sd = PyTorchStateDict.read(PyTorchFixtures.file("vgg.pt"));
    List<String> got = sd.stream().map(t -> t.key() + " " + t.shapeText()).toList();
    // the fixture script's Vgg: conv(1->8), conv(8->16), conv(16->32), fc(32*7*7->32), fc(32->10)
    assertEquals(
        List.of(
            "conv1.weight [8, 1, 3, 3]",
            "conv1.bias [8]",
            "conv2.weight [16, 8, 3, 3]",
            "conv2.bias [16]",
            "conv3.weight [32, 16, 3, 3]",
            "conv3.bias [32]",
            "fc1.weight [32, 1568]",
            "fc1.bias [32]",
            "fc2.weight [10, 32]",
            "fc2.bias [10]"),
        got);
  }

  @Test
  void batchNormStepCountersAreLeftOut() {
    List<StateDictTensor> sd = PyTorchStateDict.read(PyTorchFixtures.file("resnet-small.pt"));
    List<String> keys = sd.stream().map(t -> t.key() + " " + t.shapeText()).toList();
    // the file holds each BatchNorm2d's int64 num_batches_tracked after its running variance
    assertEquals(
        List.of(
            "stem.weight [16, 1, 3, 3]",
            "stem_bn.weight [16]",
            "stem_bn.bias [16]",
            "stem_bn.running_mean [16]",
            "stem_bn.running_var [16]",
            "blocks.0.conv1.weight [16, 16, 3, 3]"),
        keys.subList(0, 6));
    assertTrue(keys.stream().noneMatch(k -> k.contains("num_batches_tracked")), keys.toString());
  }

  @Test
  void valuesAreThoseOfTheOnnxExportOfTheSameModel() {
    List<StateDictTensor> sd = PyTorchStateDict.read(PyTorchFixtures.file("vgg.pt"));
    Network onnx = OnnxImporter.importFile(PyTorchFixtures.file("vgg.onnx"), false);
    List<float[]> expected = new ArrayList<>();
    for (Node node : onnx.weightedNodes()) {
      Layer.Weighted w = node.layer().asWeighted().orElseThrow();
      expected.add(w.weights().dense().dup().data().asFloat());
      expected.add(w.bias().dup().data().asFloat());
    }
    assertEquals(expected.size(), sd.size());
    for (int i = 0; i < sd.size(); i++) {
      assertArrayEquals(expected.get(i), sd.get(i).values(), sd.get(i).key());
    }
  }

  @Test
  void truncatedZip() throws IOException {
    byte[] whole = Files.readAllBytes(PyTorchFixtures.file("vgg.pt"));
    Path cut = write("cut.pt", Arrays.copyOf(whole, whole.length / 2));
    assertRefused(cut, "truncated or corrupt");
  }

  @Test
  void corruptStorage() throws IOException {
    // the end of the zip stays intact, but the pickle and storages are overwritten
    byte[] bytes = Files.readAllBytes(PyTorchFixtures.file("vgg.pt"));
    Arrays.fill(bytes, 30, bytes.length / 2, (byte) 0x5a);
    assertRefused(write("scribbled.pt", bytes), ": ");
  }

  @Test
  void notAPyTorchFile() throws IOException {
    assertRefused(write("notes.pt", "hello\n".getBytes()), "not a PyTorch checkpoint");
    assertRefused(PyTorchFixtures.file("vgg.onnx"), "not a PyTorch checkpoint");
  }

  @Test
  void legacyFormatGivesTheSameTensors() {
    List<StateDictTensor> zip = PyTorchStateDict.read(PyTorchFixtures.file("vgg.pt"));
    List<StateDictTensor> legacy = PyTorchStateDict.read(PyTorchFixtures.file("vgg-legacy.pt"));
    assertEquals(zip.size(), legacy.size());
    for (int i = 0; i < zip.size(); i++) {
      assertEquals(zip.get(i).key(), legacy.get(i).key());
      assertArrayEquals(zip.get(i).shape(), legacy.get(i).shape(), zip.get(i).key());
      assertArrayEquals(zip.get(i).values(), legacy.get(i).values(), zip.get(i).key());
    }
  }

  @Test
  void stateDictInsideATrainingCheckpoint() {
    List<StateDictTensor> plain = PyTorchStateDict.read(PyTorchFixtures.file("vgg.pt"));
    List<StateDictTensor> wrapped =
        PyTorchStateDict.read(PyTorchFixtures.file("vgg-checkpoint.pt"));
    assertEquals(
        plain.stream().map(StateDictTensor::key).toList(),
        wrapped.stream().map(StateDictTensor::key).toList());
    assertArrayEquals(plain.get(0).values(), wrapped.get(0).values());
  }

  @Test
  void truncatedLegacyFile() throws IOException {
    byte[] whole = Files.readAllBytes(PyTorchFixtures.file("vgg-legacy.pt"));
    assertRefused(write("cut-legacy.pt", Arrays.copyOf(whole, whole.length - 100)), "truncated");
    assertRefused(write("head-legacy.pt", Arrays.copyOf(whole, 40)), "truncated or corrupt");
  }

  @Test
  void nonContiguousTensor() {
    String msg = assertRefused(PyTorchFixtures.file("bad-transposed.pt"), "tensor 'w'");
    assertTrue(msg.contains("not contiguous") && msg.contains("stride [1, 3]"), msg);
  }

  @Test
  void float64Tensor() {
    String msg = assertRefused(PyTorchFixtures.file("bad-float64.pt"), "tensor 'w' is float64");
    assertTrue(msg.contains("only float32"), msg);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f;
  }

  private static String assertRefused(Path file, String part) {
    UserFacingException e =
        assertThrows(UserFacingException.class, () -> PyTorchStateDict.read(file));
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(part), e.getMessage());
    return e.getMessage();
  }

  @Test
  void aCorruptTensorHeaderIsAClearErrorNotAnIndexOrSizeException() {
    PyTorchStateDict.StorageType floats =
        new PyTorchStateDict.StorageType("FloatStorage", "float32", 4);
    PyTorchStateDict.Storage storage = new PyTorchStateDict.Storage("0", floats, new byte[24]);
    Path file = Path.of("m.pt");
    // one stride for two dimensions: the stride loop read past the stride array
    UserFacingException strides =
        assertThrows(
            UserFacingException.class,
            () ->
                new PyTorchStateDict.PickledTensor(storage, 0, new long[] {2, 3}, new long[] {1})
                    .toTensor(file, "w"));
    assertEquals(
        "m.pt: tensor 'w' has size [2, 3] but stride [1] (one stride per dimension expected); the"
            + " file is corrupt",
        strides.getMessage());
    // a negative size made a negative element count that passed the bounds check
    UserFacingException negative =
        assertThrows(
            UserFacingException.class,
            () ->
                new PyTorchStateDict.PickledTensor(storage, 0, new long[] {-2}, new long[] {1})
                    .toTensor(file, "b"));
    assertTrue(
        negative.getMessage().contains("has size [-2], which is negative"), negative.getMessage());
    // an offset near Long.MAX_VALUE overflowed offset + count past the bounds check
    UserFacingException offset =
        assertThrows(
            UserFacingException.class,
            () ->
                new PyTorchStateDict.PickledTensor(
                        storage, Long.MAX_VALUE - 1, new long[] {2}, new long[] {1})
                    .toTensor(file, "b"));
    assertTrue(offset.getMessage().contains("of a storage of 6"), offset.getMessage());
  }
}
