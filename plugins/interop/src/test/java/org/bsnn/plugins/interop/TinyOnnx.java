package org.bsnn.plugins.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import onnx.Onnx;

/**
 * Small ONNX models built with the protobuf builders, for the importer's error paths: input [1, 1,
 * 4, 4], Conv "conv" (2 filters 3x3, pads 1), an activation "act" (Relu), Flatten "flat", Gemm "fc"
 * to 3 classes. Each field changes one thing.
 */
final class TinyOnnx {

  String activation = "Relu";
  long group = 1;
  long[] pads = {1, 1, 1, 1};
  float firstWeight = 0.5f;
  boolean dynamicHeight;
  int classes = 3;

  /** "gemm", or "matmul" for the same head as MatMul then Add of the bias. */
  String head = "gemm";

  /**
   * An operator between the activation and the flatten ("MaxPool", "Dropout", "Identity"), or null.
   */
  String extra;

  byte[] bytes() {
    return model().toByteArray();
  }

  Onnx.ModelProto model() {
    Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("tiny");
    g.addInput(input("x"));
    float[] w = new float[2 * 1 * 3 * 3];
    for (int i = 0; i < w.length; i++) {
      w[i] = (i % 3 - 1) * 0.25f;
    }
    w[0] = firstWeight;
    g.addInitializer(tensor("conv.weight", w, 2, 1, 3, 3));
    g.addInitializer(tensor("conv.bias", new float[] {0.1f, -0.1f}, 2));
    float[] fc = new float[classes * 32];
    for (int i = 0; i < fc.length; i++) {
      fc[i] = ((i * 7) % 5 - 2) * 0.1f;
    }
    g.addInitializer(tensor("fc.weight", fc, classes, 32));
    g.addNode(
        node("conv", "Conv", List.of("x", "conv.weight", "conv.bias"), "c")
            .addAttribute(ints("pads", pads))
            .addAttribute(ints("kernel_shape", 3, 3))
            .addAttribute(integer("group", group)));
    g.addNode(node("act", activation, List.of("c"), "r"));
    String flatIn = "r";
    int features = 32;
    if ("MaxPool".equals(extra)) {
      g.addNode(
          node("pool", "MaxPool", List.of("r"), "p")
              .addAttribute(ints("kernel_shape", 2, 2))
              .addAttribute(ints("strides", 2, 2)));
      flatIn = "p";
      features = 8;
    } else if (extra != null) {
      g.addNode(node("extra", extra, List.of("r"), "p"));
      flatIn = "p";
    }
    if (features != 32) {
      g.removeInitializer(2);
      fc = Arrays.copyOf(fc, classes * features);
      g.addInitializer(tensor("fc.weight", fc, classes, features));
    }
    g.addNode(node("flat", "Flatten", List.of(flatIn), "f"));
    float[] bias = new float[classes];
    for (int o = 0; o < classes; o++) {
      bias[o] = 0.1f * (o + 1);
    }
    g.addInitializer(tensor("fc.bias", bias, classes));
    if (head.equals("gemm")) {
      g.addNode(
          node("fc", "Gemm", List.of("f", "fc.weight", "fc.bias"), "y")
              .addAttribute(integer("transB", 1)));
    } else {
      float[] t = new float[fc.length];
      for (int o = 0; o < classes; o++) {
        for (int i = 0; i < features; i++) {
          t[i * classes + o] = fc[o * features + i];
        }
      }
      g.addInitializer(tensor("fc.weightT", t, features, classes));
      g.addNode(node("fc", "MatMul", List.of("f", "fc.weightT"), "m"));
      g.addNode(node("fc_bias", "Add", List.of("m", "fc.bias"), "y"));
    }
    g.addOutput(Onnx.ValueInfoProto.newBuilder().setName("y"));
    return Onnx.ModelProto.newBuilder()
        .setIrVersion(7)
        .setProducerName("TinyOnnx")
        .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(13))
        .setGraph(g)
        .build();
  }

  private Onnx.ValueInfoProto input(String name) {
    Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
    shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(1));
    shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(1));
    shape.addDim(
        dynamicHeight
            ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("height")
            : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(4));
    shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(4));
    return Onnx.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape)))
        .build();
  }

  static Onnx.TensorProto tensor(String name, float[] values, long... dims) {
    List<Float> v = new ArrayList<>();
    for (float f : values) {
      v.add(f);
    }
    return Onnx.TensorProto.newBuilder()
        .setName(name)
        .setDataType(1)
        .addAllDims(Arrays.stream(dims).boxed().toList())
        .addAllFloatData(v)
        .build();
  }

  static Onnx.NodeProto.Builder node(String name, String op, List<String> in, String out) {
    return Onnx.NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(in).addOutput(out);
  }

  static Onnx.AttributeProto ints(String name, long... values) {
    return Onnx.AttributeProto.newBuilder()
        .setName(name)
        .setType(Onnx.AttributeProto.AttributeType.INTS)
        .addAllInts(Arrays.stream(values).boxed().toList())
        .build();
  }

  static Onnx.AttributeProto integer(String name, long value) {
    return Onnx.AttributeProto.newBuilder()
        .setName(name)
        .setType(Onnx.AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }
}
