package org.bsnn.plugins.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;

/**
 * A random ReLU MLP computed in plain double arithmetic (the reference), and its spiking version
 * converted by hand with weight scaling (threshold 1, weights W·λ_prev/λ, bias b/λ, output
 * W·λ_prev). Every weight is rounded to float32 first, so the reference and the simulator use the
 * same values.
 */
final class RandomMlp {

  final int[] sizes; // input, hidden..., classes
  final double[][][] w; // per layer [out][in]
  final double[][] b; // per layer [out]
  final float[][] inputs;
  double[] lambda; // per hidden layer

  RandomMlp(long seed, int samples, int... sizes) {
    this.sizes = sizes.clone();
    Random r = new Random(seed);
    int layers = sizes.length - 1;
    w = new double[layers][][];
    b = new double[layers][];
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double std = Math.sqrt(2.0 / in);
      w[l] = new double[out][in];
      b[l] = new double[out];
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          w[l][o][i] = (float) (r.nextGaussian() * std);
        }
        b[l][o] = (float) (r.nextGaussian() * 0.05);
      }
    }
    inputs = new float[samples][sizes[0]];
    for (float[] x : inputs) {
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextFloat();
      }
    }
    lambda = maxActivations(1.0);
  }

  int hiddenLayers() {
    return sizes.length - 2;
  }

  /**
   * Max-activation lambdas over {@link #inputs}, times {@code factor} (below 1 makes clipping
   * happen).
   */
  double[] maxActivations(double factor) {
    double[] max = new double[hiddenLayers()];
    for (float[] x : inputs) {
      double[][] a = forward(x, null);
      for (int l = 0; l < max.length; l++) {
        for (double v : a[l]) {
          max[l] = Math.max(max[l], v);
        }
      }
    }
    for (int l = 0; l < max.length; l++) {
      max[l] = (float) (max[l] * factor);
    }
    return max;
  }

  /**
   * Activations of every layer for one input: hidden layers after ReLU (clipped at lambda when
   * {@code clipAt} is given), then the output scores.
   */
  double[][] forward(float[] x, double[] clipAt) {
    double[][] out = new double[sizes.length - 1][];
    double[] a = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      a[i] = x[i];
    }
    for (int l = 0; l < w.length; l++) {
      double[] z = new double[w[l].length];
      for (int o = 0; o < z.length; o++) {
        double s = b[l][o];
        for (int i = 0; i < a.length; i++) {
          s += w[l][o][i] * a[i];
        }
        boolean hidden = l < w.length - 1;
        if (hidden) {
          s = Math.max(0, s);
          if (clipAt != null) {
            s = Math.min(s, clipAt[l]);
          }
        }
        z[o] = s;
      }
      out[l] = z;
      a = z;
    }
    return out;
  }

  /** Argmax of the reference output for sample {@code k}. */
  int annClass(int k) {
    double[] scores = forward(inputs[k], null)[w.length - 1];
    int best = 0;
    for (int c = 1; c < scores.length; c++) {
      if (scores[c] > scores[best]) {
        best = c;
      }
    }
    return best;
  }

  /** The inputs with the ANN's classes as labels, as a flat [1, 1, features] split. */
  InMemoryDataSplit split() {
    int[] labels = new int[inputs.length];
    for (int k = 0; k < labels.length; k++) {
      labels[k] = annClass(k);
    }
    return InMemoryDataSplit.flat(inputs, labels);
  }

  /** The hidden spiking layers "h1".., weight-scaled with {@link #lambda}. */
  List<SpikingNode> hiddenNodes(ResetMode reset) {
    List<SpikingNode> nodes = new ArrayList<>();
    String source = SpikingNetwork.INPUT;
    double previous = 1.0;
    for (int l = 0; l < hiddenLayers(); l++) {
      double weightFactor = previous / lambda[l];
      double biasFactor = 1.0 / lambda[l];
      Layer.Dense dense = TestTensors.dense(scale(w[l], weightFactor), scale(b[l], biasFactor));
      List<Layer> ops = l == 0 ? List.of(new Layer.Flatten(), dense) : List.of(dense);
      String name = "h" + (l + 1);
      nodes.add(
          new SpikingNode(
              name,
              List.of(new Projection(source, ops)),
              new Neuron.IntegrateAndFire(TestTensors.vector(1.0), reset)));
      source = name;
      previous = lambda[l];
    }
    return nodes;
  }

  /** The converted network with its real output layer, read out by potential. */
  SpikingNetwork snn(ResetMode reset, Propagation propagation, Encoding encoding) {
    List<SpikingNode> nodes = hiddenNodes(reset);
    int last = w.length - 1;
    double previous = lambda[hiddenLayers() - 1];
    nodes.add(
        new SpikingNode(
            "out",
            List.of(
                new Projection(
                    "h" + hiddenLayers(),
                    List.of(TestTensors.dense(scale(w[last], previous), b[last])))),
            new Neuron.Integrator()));
    return new SpikingNetwork(
        "random-mlp",
        new long[] {1, 1, sizes[0]},
        nodes,
        encoding,
        propagation,
        Readout.POTENTIAL,
        Map.of());
  }

  /**
   * A probe network: the same hidden layers, but the output integrator sums every hidden layer's
   * spikes through identity weights, so its potential after t steps is each hidden neuron's spike
   * count (same-step propagation), hidden layers concatenated.
   */
  SpikingNetwork probe(ResetMode reset) {
    List<SpikingNode> nodes = hiddenNodes(reset);
    int total = 0;
    for (int l = 1; l <= hiddenLayers(); l++) {
      total += sizes[l];
    }
    List<Projection> embeddings = new ArrayList<>();
    int offset = 0;
    for (int l = 1; l <= hiddenLayers(); l++) {
      double[][] e = new double[total][sizes[l]];
      for (int j = 0; j < sizes[l]; j++) {
        e[offset + j][j] = 1.0;
      }
      embeddings.add(new Projection("h" + l, List.of(TestTensors.dense(e, null))));
      offset += sizes[l];
    }
    nodes.add(new SpikingNode("probe", embeddings, new Neuron.Integrator()));
    return new SpikingNetwork(
        "probe",
        new long[] {1, 1, sizes[0]},
        nodes,
        Encoding.DIRECT,
        Propagation.SAME_STEP,
        Readout.POTENTIAL,
        Map.of());
  }

  private static double[][] scale(double[][] m, double f) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = scale(m[i], f);
    }
    return out;
  }

  private static double[] scale(double[] v, double f) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * f;
    }
    return out;
  }
}
