package org.bsnn.plugins.simulation.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Random;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fast backends' average pooling reproduces ND4J's float results bit for bit. */
class TailTest {

  @ParameterizedTest(name = "kernel {0}, stride {1}, {2}x{3}, accumulate {4}")
  @CsvSource({
    "2,2,8,8,false",
    "2,2,7,9,true",
    "3,3,9,9,false",
    "3,2,9,8,true",
    "1,1,3,3,false",
    "2,2,32,32,true",
    "2,2,16,34,false",
    "2,2,5,40,true",
    "2,2,2,66,false"
  })
  void averagePoolingMatchesLayerOps(
      int kernel, int stride, int height, int width, boolean accumulate) {
    int channels = 5;
    Random r = new Random(kernel * 31L + height);
    float[] chw = new float[channels * height * width];
    for (int i = 0; i < chw.length; i++) {
      chw[i] = (float) (r.nextGaussian() * 3.7); // values whose sums round
    }
    Tail tail = new Tail(channels, height, width, kernel, stride);
    assertFalse(tail.direct());
    float[] out = new float[tail.outSize()];
    float[] start = new float[out.length];
    for (int i = 0; i < start.length; i++) {
      start[i] = accumulate ? (float) r.nextGaussian() : 0f;
    }
    System.arraycopy(start, 0, out, 0, out.length);
    tail.emit(chw, out, accumulate);

    // the per-channel and channels-last forms give the same floats
    float[] perChannel = start.clone();
    float[][] rows = new float[height * width][channels];
    for (int c = 0; c < channels; c++) {
      float[] plane =
          java.util.Arrays.copyOfRange(chw, c * height * width, (c + 1) * height * width);
      tail.emitChannel(plane, c, perChannel, accumulate);
      for (int p = 0; p < height * width; p++) {
        rows[p][c] = plane[p];
      }
    }
    float[] channelsLast = start.clone();
    tail.emitChannelsLast(rows, new float[channels], channelsLast, accumulate);
    assertArrayEquals(out, perChannel, 0f);
    assertArrayEquals(out, channelsLast, 0f);

    try (INDArray x = Nd4j.create(chw, new long[] {1, channels, height, width}, 'c');
        INDArray y = LayerOps.apply(new Layer.AvgPool2d(kernel, stride), x)) {
      float[] expected = y.dup('c').data().asFloat();
      if (accumulate) {
        for (int i = 0; i < expected.length; i++) {
          expected[i] = start[i] + expected[i];
        }
      }
      assertArrayEquals(expected, out, 0f);
    }
  }
}
