package org.bsnn.plugins.simulation.engine;

import java.util.Arrays;

/**
 * Per-sample shape of a spiking node and how the fast backends store it.
 *
 * <p>Potentials and currents are float arrays in C order (CHW, as ND4J and PyTorch). Spikes are
 * bits packed channels-last, each pixel padded to whole 64-bit words: neuron (channel c, pixel p =
 * y*W + x) is bit {@code c & 63} of word {@code p*wordsPerPixel + (c >>> 6)}; padding bits are
 * always 0. A flat node [F] is one pixel of F channels. A spike's "id" is its channels-last index
 * {@code p*C + c}, the order in which the kernels visit spikes.
 */
public final class Layout {

  final long[] shape;
  final boolean image;
  final int channels;
  final int height;
  final int width;
  final int pixels;
  final int neurons;
  final int wordsPerPixel;
  final int words;

  /** The layout of a per-sample shape [C, H, W] or [F]. */
  public Layout(long[] shape) {
    this.shape = shape.clone();
    if (shape.length == 3) {
      image = true;
      channels = Math.toIntExact(shape[0]);
      height = Math.toIntExact(shape[1]);
      width = Math.toIntExact(shape[2]);
    } else if (shape.length == 1) {
      image = false;
      channels = Math.toIntExact(shape[0]);
      height = 1;
      width = 1;
    } else {
      throw new IllegalArgumentException(
          "a spiking node must be [channels, height, width] or [features], got "
              + Arrays.toString(shape));
    }
    pixels = height * width;
    neurons = Math.multiplyExact(pixels, channels);
    wordsPerPixel = (channels + 63) >>> 6;
    words = pixels * wordsPerPixel;
  }

  /** Neurons per sample. */
  public int neurons() {
    return neurons;
  }

  /** The channels-last spike id of the neuron at C-order (PyTorch) index {@code chw}. */
  int spikeId(int chw) {
    if (!image) {
      return chw;
    }
    int c = chw / pixels;
    int p = chw - c * pixels;
    return p * channels + c;
  }

  /** Writes one sample's spikes as 0/1 floats in C order (CHW) at {@code offset}. */
  void bitsToChw(long[] bits, float[] chw, int offset) {
    for (int wi = 0; wi < words; wi++) {
      long x = bits[wi];
      if (x == 0) {
        continue;
      }
      int p = wi / wordsPerPixel;
      int c0 = (wi - p * wordsPerPixel) << 6;
      while (x != 0) {
        int c = c0 + Long.numberOfTrailingZeros(x);
        x &= x - 1;
        chw[offset + c * pixels + p] = 1f;
      }
    }
  }

  /** The id (channels-last index p*C + c) of every spike, in id order; returns the count. */
  int spikeIndices(long[] bits, int[] out) {
    int n = 0;
    for (int wi = 0; wi < words; wi++) {
      long x = bits[wi];
      if (x == 0) {
        continue;
      }
      int p = wi / wordsPerPixel;
      int base = p * channels + ((wi - p * wordsPerPixel) << 6);
      while (x != 0) {
        out[n++] = base + Long.numberOfTrailingZeros(x);
        x &= x - 1;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return Arrays.toString(shape);
  }
}
