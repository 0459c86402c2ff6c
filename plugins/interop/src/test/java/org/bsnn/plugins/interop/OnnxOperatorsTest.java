package org.bsnn.plugins.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Operators the PyTorch fixtures do not use, on small hand-built models. */
class OnnxOperatorsTest {

  private static Network load(TinyOnnx m) {
    return OnnxImporter.importBytes(m.bytes(), "tiny.onnx", "tiny", true);
  }

  private static List<String> types(Network net) {
    return net.nodes().stream().map(n -> n.layer().type()).toList();
  }

  private static float[] run(Network net) {
    INDArray x = Nd4j.linspace(-1, 1, 16, DataType.FLOAT).reshape(1, 1, 4, 4);
    try (INDArray out = NetworkForward.run(net, x)) {
      return out.toFloatVector();
    }
  }

  @Test
  void matMulThenAddIsOneDenseWithBias() {
    TinyOnnx gemm = new TinyOnnx();
    TinyOnnx matMul = new TinyOnnx();
    matMul.head = "matmul";
    Network a = load(gemm);
    Network b = load(matMul);
    assertEquals(List.of("conv2d", "relu", "flatten", "dense"), types(b));
    Layer.Weighted dense = b.node(b.output()).layer().asWeighted().orElseThrow();
    assertNotNull(dense.bias());
    assertArrayEquals(run(a), run(b), 1e-6f);
  }

  @Test
  void maxPool() {
    TinyOnnx m = new TinyOnnx();
    m.extra = "MaxPool";
    Network net = load(m);
    assertEquals(List.of("conv2d", "relu", "maxpool2d", "flatten", "dense"), types(net));
    assertEquals(3, run(net).length);
  }

  @Test
  void dropoutIsKeptAndIdentityVanishes() {
    TinyOnnx dropout = new TinyOnnx();
    dropout.extra = "Dropout";
    assertEquals(List.of("conv2d", "relu", "dropout", "flatten", "dense"), types(load(dropout)));
    TinyOnnx identity = new TinyOnnx();
    identity.extra = "Identity";
    Network net = load(identity);
    assertEquals(List.of("conv2d", "relu", "flatten", "dense"), types(net));
    assertArrayEquals(run(load(new TinyOnnx())), run(net), 0f);
  }
}
