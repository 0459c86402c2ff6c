package org.bsnn.api.network;

import static org.bsnn.api.network.TestArrays.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

class AlongDimensionTest {

  /** Every element, bit for bit, against ND4J's dimension-based broadcast that it replaces. */
  @ParameterizedTest(name = "shape {0}, dimension {1}")
  @CsvSource({"'5,7',1", "'5,7',0", "'2,3,4,5',1", "'2,3,4,5',0", "'1,6',1", "'3,1,2,2',1"})
  void equalsTheDimensionBasedBroadcastBitForBit(String shapeText, int dim) {
    long[] shape =
        java.util.Arrays.stream(shapeText.split(",")).mapToLong(Long::parseLong).toArray();
    INDArray a = randn(11, shape);
    INDArray v = randn(12, shape[dim]);
    INDArray expectedMul = Broadcast.mul(a, v, Nd4j.createUninitialized(a.dataType(), shape), dim);
    INDArray expectedAdd = Broadcast.add(a, v, Nd4j.createUninitialized(a.dataType(), shape), dim);
    INDArray mul = AlongDimension.mul(a, v, Nd4j.createUninitialized(a.dataType(), shape), dim);
    INDArray add = a.dup();
    AlongDimension.add(add, v, add, dim); // in place, as the dense layer's bias
    assertArrayEquals(bits(expectedMul), bits(mul));
    assertArrayEquals(bits(expectedAdd), bits(add));
  }

  @ParameterizedTest(name = "vector of length {0}")
  @CsvSource({"4", "6"})
  void refusesAVectorOfTheWrongLength(int length) {
    INDArray a = randn(1, 2, 5);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AlongDimension.add(a, randn(2, length), a, 1));
    assertEquals(
        "a vector of length " + length + " cannot lie along dimension 1 of shape [2, 5]",
        e.getMessage());
  }

  private static int[] bits(INDArray x) {
    float[] f = x.dup('c').data().asFloat();
    int[] b = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      b[i] = Float.floatToRawIntBits(f[i]);
    }
    return b;
  }
}
