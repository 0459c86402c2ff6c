package org.bsnn.plugins.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.HardwareModel;

/**
 * Compute energy of the ANN and the SNN from operation counts and a per-operation energy table
 * (default Horowitz 2014, 45 nm; see {@link EnergyConfig}), the usual estimate of the SNN
 * literature and of the paper's hardware view: ANN energy = MACs × E_MAC; SNN energy = first-layer
 * MACs × E_MAC + accumulates × E_AC, with the counts of {@link SynapticOpsModel}.
 *
 * <p>Which SNN: "binary-snn" when any projection has binary weights, else "fp-snn"; its precision
 * comes from {@link EnergyConfig#binarySnnPrecision} or {@link EnergyConfig#fpSnnPrecision}.
 *
 * <p>Rows, pJ per inference: {@code energy[ann][<node>]}, {@code energy[ann][total]}, {@code
 * energy[<kind>][<node>]}, {@code energy[<kind>][total]} (final) and its series (cumulative at
 * every timestep: energy as a function of T), and {@code energy-ratio[ann/<kind>]} (ANN energy
 * divided by SNN energy at the final timestep).
 */
public final class EnergyModel implements HardwareModel {

  private final EnergyConfig config;

  /** A model with the given table. */
  public EnergyModel(EnergyConfig config) {
    this.config = config;
  }

  @Override
  public List<Measurement> estimate(Evaluation evaluation, RunContext context) {
    List<Measurement> out = new ArrayList<>();
    double eMac = config.mac(config.annPrecision());
    double annTotal = 0;
    for (WeightedLayer l : AnnCosts.layers(evaluation.ann())) {
      double e = l.macs() * eMac;
      annTotal += e;
      out.add(new Measurement.Scalar("energy[ann][" + l.name() + "]", e, "pJ/inference"));
    }
    out.add(new Measurement.Scalar("energy[ann][total]", annTotal, "pJ/inference"));
    if (!SpikingCosts.simulated(evaluation)) {
      return out;
    }
    SpikingNetwork snn = evaluation.snn().get();
    SimulationTrace trace = evaluation.trace().get();
    boolean binary = SpikingCosts.isBinary(snn);
    String kind = binary ? "binary-snn" : "fp-snn";
    String precision = binary ? config.binarySnnPrecision() : config.fpSnnPrecision();
    double snnMac = config.mac(precision);
    double snnAdd = config.add(precision);
    double n = trace.samples();
    double[] cumulative = new double[trace.timesteps()];
    double total = 0;
    for (SpikingCosts.NodeOps node :
        SpikingCosts.count(snn, trace, InputStatistics.poissonSpikesPerSample(evaluation))) {
      double running = 0;
      for (int t = 0; t < cumulative.length; t++) {
        running += (node.macs()[t] * snnMac + node.acs()[t] * snnAdd) / n;
        cumulative[t] += running;
      }
      total += running;
      out.add(
          new Measurement.Scalar(
              "energy[" + kind + "][" + SpikingCosts.label(snn, node.node()) + "]",
              running,
              "pJ/inference"));
    }
    out.add(new Measurement.Scalar("energy[" + kind + "][total]", total, "pJ/inference"));
    out.add(new Measurement.Series("energy[" + kind + "][total]", cumulative, "pJ/inference"));
    if (total > 0) {
      out.add(new Measurement.Scalar("energy-ratio[ann/" + kind + "]", annTotal / total, ""));
    }
    context.provenance("energyPrecision", Map.of("ann", config.annPrecision(), kind, precision));
    return out;
  }
}
