package org.bsnn.plugins.simulation.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Weights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every kernel against LayerOps (ND4J) on one sample of random spikes, binary weights with
 * arbitrary alphas (LayerOps, like the kernels, sums the +-1 signs exactly and multiplies by alpha
 * once, then adds the bias): the results must be bit-identical for every geometry, channel count
 * (across 32- and 64-bit word boundaries), both popcount orientations, all kernel choices and the
 * event-driven scatter.
 */
class KernelsTest {

  static float[] randomSpikes(Random r, Layout l, double rate, long[] bits) {
    float[] chw = new float[l.neurons];
    for (int i = 0; i < chw.length; i++) {
      if (r.nextDouble() < rate) {
        chw[i] = 1f;
        int id = l.spikeId(i);
        int p = id / l.channels;
        int c = id - p * l.channels;
        bits[p * l.wordsPerPixel + (c >>> 6)] |= 1L << (c & 63);
      }
    }
    return chw;
  }

  static int count(long[] bits) {
    int n = 0;
    for (long b : bits) {
      n += Long.bitCount(b);
    }
    return n;
  }

  /** ND4J's result (C order). */
  static float[] expected(List<Layer> ops, float[] chw, long[] sourceShape, Layout target) {
    long[] shape = new long[sourceShape.length + 1];
    shape[0] = 1;
    System.arraycopy(sourceShape, 0, shape, 1, sourceShape.length);
    INDArray x = Nd4j.create(chw, shape, 'c');
    for (Layer op : ops) {
      x = LayerOps.apply(op, x);
    }
    return x.dup('c').data().asFloat();
  }

  @ParameterizedTest(
      name = "conv {0}->{1} k{2} s{3} p{4} on {5}x{6}, pool {7}, flatten {8}, bias {9}")
  @CsvSource({
    "3,5,3,1,1,9,9,0,false,false",
    "16,40,3,1,1,12,12,2,false,true",
    "33,8,3,1,0,7,6,0,true,true",
    "64,64,3,1,1,8,8,2,false,false",
    "65,20,3,2,1,9,9,0,false,true",
    "70,130,3,2,1,6,6,0,false,true",
    "100,7,5,1,2,6,6,3,true,false",
    "130,16,1,1,0,5,5,0,false,true",
    "8,200,3,1,1,4,4,2,true,false",
    "40,12,3,2,0,16,16,0,false,false"
  })
  void binaryConvolutionIsExact(
      int c,
      int o,
      int k,
      int stride,
      int pad,
      int h,
      int w,
      int pool,
      boolean flatten,
      boolean bias) {
    Random r = new Random(c * 1000L + o);
    float[] signs = new float[o * c * k * k];
    for (int i = 0; i < signs.length; i++) {
      signs[i] = r.nextBoolean() ? 1f : -1f;
    }
    float[] alpha = new float[o];
    float[] b = bias ? new float[o] : null;
    for (int i = 0; i < o; i++) {
      alpha[i] = 0.003f + r.nextFloat() * 0.3f; // any alpha: the sums are of +-1, scaled once
      if (bias) {
        b[i] = (float) (r.nextGaussian() * 0.3);
      }
    }
    Layer.Conv2d conv =
        new Layer.Conv2d(
            k,
            stride,
            pad,
            new Weights.Binary(
                Nd4j.create(signs, new long[] {o, c, k, k}, 'c'),
                Nd4j.create(alpha, new long[] {o}, 'c')),
            bias ? Nd4j.create(b, new long[] {o}, 'c') : null);
    Layout source = new Layout(new long[] {c, h, w});
    long[] convShape = LayerOps.outputShape(conv, List.of(source.shape));
    List<Layer> ops = new java.util.ArrayList<>(List.of(conv));
    long[] out = convShape;
    if (pool > 0) {
      ops.add(new Layer.AvgPool2d(pool, pool));
      out = LayerOps.outputShape(ops.get(1), List.of(convShape));
    }
    if (flatten) {
      ops.add(new Layer.Flatten());
      out = new long[] {out[0] * out[1] * out[2]};
    }
    Layout target = new Layout(out);
    Tail tail = new Tail(o, (int) convShape[1], (int) convShape[2], pool, pool);
    for (double rate : new double[] {0.0, 0.03, 0.3, 0.9}) {
      long[] bits = new long[source.words];
      float[] chw = randomSpikes(r, source, rate, bits);
      float[] want = expected(ops, chw, source.shape, target);
      for (KernelChoice choice : KernelChoice.values()) {
        BinaryConvKernel kernel =
            new BinaryConvKernel(
                source,
                conv,
                signs,
                alpha,
                b,
                tail,
                (int) convShape[1],
                (int) convShape[2],
                choice);
        float[] got = new float[target.neurons];
        kernel.compute(bits, count(bits), new Scratch(), got, false);
        assertArrayEquals(want, got, 0f, choice + " at rate " + rate);
        float[] sum = new float[target.neurons];
        float[] expectedSum = new float[target.neurons];
        for (int i = 0; i < sum.length; i++) {
          sum[i] = (float) r.nextGaussian();
          expectedSum[i] = sum[i] + want[i];
        }
        kernel.compute(bits, count(bits), new Scratch(), sum, true);
        assertArrayEquals(expectedSum, sum, 0f, choice + " accumulating at rate " + rate);
      }
      FloatConvKernel floats =
          new FloatConvKernel(
              source, conv, signs, alpha, b, tail, (int) convShape[1], (int) convShape[2]);
      float[] got = new float[target.neurons];
      floats.compute(bits, count(bits), new Scratch(), got, false);
      assertArrayEquals(want, got, 0f, "event-driven at rate " + rate);
    }
  }

  @ParameterizedTest(name = "dense from {0}, {1} outputs, bias {2}")
  @CsvSource({
    "'[100]',7,true",
    "'[64]',130,false",
    "'[3, 5, 5]',33,true",
    "'[70, 2, 2]',64,false",
    "'[129]',5,true"
  })
  void binaryAndFloatDenseAreExact(String sourceShape, int o, boolean bias) {
    long[] shape =
        java.util.Arrays.stream(sourceShape.replaceAll("[\\[\\] ]", "").split(","))
            .mapToLong(Long::parseLong)
            .toArray();
    Layout source = new Layout(shape);
    int f = source.neurons;
    Random r = new Random(f * 31L + o);
    float[] signs = new float[o * f];
    for (int i = 0; i < signs.length; i++) {
      signs[i] = r.nextBoolean() ? 1f : -1f;
    }
    float[] alpha = new float[o];
    float[] b = bias ? new float[o] : null;
    for (int i = 0; i < o; i++) {
      alpha[i] = 0.003f + r.nextFloat() * 0.3f; // any alpha: the sums are of +-1, scaled once
      if (bias) {
        b[i] = (float) (r.nextGaussian() * 0.3);
      }
    }
    Layer.Dense dense =
        new Layer.Dense(
            new Weights.Binary(
                Nd4j.create(signs, new long[] {o, f}, 'c'),
                Nd4j.create(alpha, new long[] {o}, 'c')),
            bias ? Nd4j.create(b, new long[] {o}, 'c') : null);
    List<Layer> ops = shape.length == 3 ? List.of(new Layer.Flatten(), dense) : List.of(dense);
    Layout target = new Layout(new long[] {o});
    Tail tail = new Tail(o, 1, 1, 0, 0);
    for (double rate : new double[] {0.0, 0.02, 0.4, 1.0}) {
      long[] bits = new long[source.words];
      float[] chw = randomSpikes(r, source, rate, bits);
      float[] want = expected(ops, chw, shape, target);
      for (KernelChoice choice : KernelChoice.values()) {
        float[] got = new float[o];
        new BinaryDenseKernel(source, signs, alpha, b, tail, choice)
            .compute(bits, count(bits), new Scratch(), got, false);
        assertArrayEquals(want, got, 0f, choice + " at rate " + rate);
      }
      float[] got = new float[o];
      new FloatDenseKernel(source, signs, o, alpha, b, tail)
          .compute(bits, count(bits), new Scratch(), got, false);
      assertArrayEquals(want, got, 0f, "event-driven at rate " + rate);
      assertEquals(want.length, got.length);
    }
  }
}
