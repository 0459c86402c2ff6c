package org.bsnn.plugins.interop;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx;

/**
 * The attributes of one ONNX node, by name, with the ONNX defaults where an attribute is absent.
 */
final class OnnxAttributes {

  private final Map<String, Onnx.AttributeProto> byName = new HashMap<>();

  OnnxAttributes(Onnx.NodeProto node) {
    for (Onnx.AttributeProto a : node.getAttributeList()) {
      byName.put(a.getName(), a);
    }
  }

  boolean has(String name) {
    return byName.containsKey(name);
  }

  long integer(String name, long fallback) {
    Onnx.AttributeProto a = byName.get(name);
    return a == null ? fallback : a.getI();
  }

  float real(String name, float fallback) {
    Onnx.AttributeProto a = byName.get(name);
    return a == null ? fallback : a.getF();
  }

  String string(String name, String fallback) {
    Onnx.AttributeProto a = byName.get(name);
    return a == null ? fallback : a.getS().toString(StandardCharsets.UTF_8);
  }

  /** The integer list, or {@code null} when absent. */
  long[] integers(String name) {
    Onnx.AttributeProto a = byName.get(name);
    if (a == null) {
      return null;
    }
    List<Long> v = a.getIntsList();
    return v.stream().mapToLong(Long::longValue).toArray();
  }

  /** The tensor attribute, or {@code null} when absent. */
  Onnx.TensorProto tensor(String name) {
    Onnx.AttributeProto a = byName.get(name);
    return a == null || !a.hasT() ? null : a.getT();
  }
}
