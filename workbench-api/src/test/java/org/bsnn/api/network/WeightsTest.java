package org.bsnn.api.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightsTest {

  @Test
  void binaryDenseIsSignTimesPerOutputAlpha() {
    INDArray signs = Nd4j.createFromArray(new float[][] {{1, -1, 1}, {-1, -1, 1}});
    INDArray alpha = Nd4j.createFromArray(0.5f, 2f);
    Weights.Binary w = new Weights.Binary(signs, alpha);
    w.validateValues();
    assertArrayEquals(
        new float[] {0.5f, -0.5f, 0.5f, -2f, -2f, 2f}, w.dense().data().asFloat(), 0f);
  }

  @Test
  void binaryConvDenseScalesEachFilterByItsAlpha() {
    INDArray signs = TestArrays.signs(1, 3, 2, 2, 2);
    INDArray alpha = Nd4j.createFromArray(0.5f, 2f, 3f);
    INDArray dense = new Weights.Binary(signs, alpha).dense();
    assertArrayEquals(signs.shape(), dense.shape());
    for (long i = 0; i < signs.length(); i++) {
      long o = i / 8;
      org.junit.jupiter.api.Assertions.assertEquals(
          signs.getFloat(i) * alpha.getFloat(o), dense.getFloat(i), 0f);
    }
  }

  @Test
  void binaryRejectsValuesOtherThanPlusMinusOne() {
    Weights.Binary w =
        new Weights.Binary(
            Nd4j.createFromArray(new float[][] {{1, 0.5f}}), Nd4j.ones(DataType.FLOAT, 1));
    assertThrows(IllegalArgumentException.class, w::validateValues);
  }

  @Test
  void alphaMustMatchOutputs() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Weights.Binary(Nd4j.ones(DataType.FLOAT, 2, 3), Nd4j.ones(DataType.FLOAT, 3)));
  }
}
