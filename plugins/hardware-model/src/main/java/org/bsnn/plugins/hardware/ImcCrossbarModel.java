package org.bsnn.plugins.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.HardwareModel;

/**
 * Energy of the binary layers on in-memory crossbar arrays (XNOR-SRAM-like, see {@link
 * ImcCrossbarConfig} for the constants and their source). Only layers with binary weights are
 * mapped; full-precision layers (the first and last in the paper) are left to {@link EnergyModel}.
 *
 * <p>Mapping: output neuron k's weights ({@code fanIn} = inC·k² for conv, in for dense) occupy one
 * column; a layer needs {@code ceil(fanIn/rows) × ceil(outputs/columns)} arrays. One evaluation of
 * all arrays computes one output position (conv: outH·outW positions per image; dense: 1).
 *
 * <p>Binary SNN, per timestep (its inputs are {0,1} spikes, the crossbar form of Lu &amp; Sengupta
 * 2020): every input spike activates its row once for every output position it reaches (mean
 * spatial fan-out, {@link WeightedLayer#meanSpatialFanOut}) in every column tile; every array is
 * evaluated once per output position for every sample still running, at every timestep at which the
 * source emitted any spike (an event-driven controller skips idle timesteps; per-sample idleness is
 * not in the trace, so this is an upper bound), sensing all {@code outputs} columns. Source spikes
 * are those the node reads at t: of t−1 in pipelined propagation, of t in same-step.
 *
 * <p>Binary ANN, per image (real-valued activations, fed bit-serially): {@code annInputBits}
 * evaluations per output position, each driving {@code annRowActivity × fanIn} rows per column tile
 * and sensing all columns.
 *
 * <p>Energy = row activations × rowEnergyPj + column senses × columnEnergyPj. Rows, pJ per
 * inference: {@code imc-energy[binary-snn][<node>]}, {@code imc-energy[binary-snn][total]} (and its
 * cumulative series over T), {@code imc-energy[binary-ann][<node>]}, {@code
 * imc-energy[binary-ann][total]}, {@code imc-energy-ratio[binary-ann/binary-snn]}; array counts
 * {@code imc-arrays[binary-ann][<node>]}, {@code imc-arrays[binary-snn][<node>]} and totals.
 */
public final class ImcCrossbarModel implements HardwareModel {

  private final ImcCrossbarConfig config;

  /** A model with the given array size and energies. */
  public ImcCrossbarModel(ImcCrossbarConfig config) {
    this.config = config;
  }

  /** Arrays a layer needs. */
  public long arrays(WeightedLayer l) {
    return config.rowTiles(l.fanIn()) * config.columnTiles(l.outputs());
  }

  /** pJ per image of a binary ANN layer, bit-serial input. */
  public double annEnergy(WeightedLayer l) {
    double evaluations = (double) l.positions() * config.annInputBits();
    double rowActivations =
        evaluations * config.annRowActivity() * l.fanIn() * config.columnTiles(l.outputs());
    double columnSenses = evaluations * config.rowTiles(l.fanIn()) * l.outputs();
    return rowActivations * config.rowEnergyPj() + columnSenses * config.columnEnergyPj();
  }

  @Override
  public List<Measurement> estimate(Evaluation evaluation, RunContext context) {
    List<Measurement> out = new ArrayList<>();
    double annTotal = 0;
    long annArrays = 0;
    for (WeightedLayer l : AnnCosts.layers(evaluation.ann())) {
      if (!l.binary()) {
        continue;
      }
      double e = annEnergy(l);
      annTotal += e;
      annArrays += arrays(l);
      out.add(
          new Measurement.Scalar("imc-arrays[binary-ann][" + l.name() + "]", arrays(l), "arrays"));
      out.add(
          new Measurement.Scalar("imc-energy[binary-ann][" + l.name() + "]", e, "pJ/inference"));
    }
    if (annArrays > 0) {
      out.add(new Measurement.Scalar("imc-arrays[binary-ann][total]", annArrays, "arrays"));
      out.add(new Measurement.Scalar("imc-energy[binary-ann][total]", annTotal, "pJ/inference"));
    }
    if (!SpikingCosts.simulated(evaluation)) {
      note(context, annArrays, 0);
      return out;
    }
    SpikingNetwork snn = evaluation.snn().get();
    SimulationTrace trace = evaluation.trace().get();
    long[] active = SpikingCosts.activeSamples(trace);
    boolean pipelined = snn.propagation() == Propagation.PIPELINED;
    double n = trace.samples();
    double[] cumulative = new double[trace.timesteps()];
    double total = 0;
    long snnArrays = 0;
    for (Map.Entry<String, List<SpikingCosts.Path>> e : SpikingCosts.paths(snn).entrySet()) {
      double[] perStep = new double[trace.timesteps()];
      long nodeArrays = 0;
      for (SpikingCosts.Path p : e.getValue()) {
        WeightedLayer l = p.layer();
        if (!l.binary()) {
          continue;
        }
        if (SpikingNetwork.INPUT.equals(p.source())) {
          context
              .log()
              .warn(
                  "imc-crossbar: binary projection into '"
                      + e.getKey()
                      + "' reads the encoded image, not spikes; it is not mapped to the crossbar");
          continue;
        }
        nodeArrays += arrays(l);
        long[] spikes = trace.spikesByNode().get(p.source());
        long rowTiles = config.rowTiles(l.fanIn());
        long colTiles = config.columnTiles(l.outputs());
        for (int t = 0; t < perStep.length; t++) {
          int from = pipelined ? t - 1 : t;
          if (from < 0 || spikes[from] == 0) {
            continue;
          }
          double rowActivations = spikes[from] * l.meanSpatialFanOut() * colTiles;
          double columnSenses = (double) l.positions() * rowTiles * l.outputs() * active[t];
          perStep[t] +=
              (rowActivations * config.rowEnergyPj() + columnSenses * config.columnEnergyPj()) / n;
        }
      }
      if (nodeArrays == 0) {
        continue;
      }
      snnArrays += nodeArrays;
      double running = 0;
      for (int t = 0; t < perStep.length; t++) {
        running += perStep[t];
        cumulative[t] += running;
      }
      total += running;
      out.add(
          new Measurement.Scalar(
              "imc-arrays[binary-snn][" + SpikingCosts.label(snn, e.getKey()) + "]",
              nodeArrays,
              "arrays"));
      out.add(
          new Measurement.Scalar(
              "imc-energy[binary-snn][" + SpikingCosts.label(snn, e.getKey()) + "]",
              running,
              "pJ/inference"));
    }
    if (snnArrays > 0) {
      out.add(new Measurement.Scalar("imc-arrays[binary-snn][total]", snnArrays, "arrays"));
      out.add(new Measurement.Scalar("imc-energy[binary-snn][total]", total, "pJ/inference"));
      out.add(new Measurement.Series("imc-energy[binary-snn][total]", cumulative, "pJ/inference"));
      if (annArrays > 0 && total > 0) {
        out.add(
            new Measurement.Scalar(
                "imc-energy-ratio[binary-ann/binary-snn]", annTotal / total, ""));
      }
    }
    note(context, annArrays, snnArrays);
    return out;
  }

  private static void note(RunContext context, long annArrays, long snnArrays) {
    if (annArrays == 0 && snnArrays == 0) {
      context.log().info("imc-crossbar: the network has no binary layers; nothing to map");
    }
  }
}
