package org.bsnn.plugins.hardware;

import java.util.ArrayList;
import java.util.List;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.HardwareModel;

/**
 * Operation counts of the ANN and the SNN, per layer and in total, per inference (one image).
 *
 * <p>ANN: multiply-accumulates of every conv/dense node, {@code outC·outH·outW·inC·k²} (conv) and
 * {@code out·in} (dense), from the IR's shapes ({@link WeightedLayer#macs}).
 *
 * <p>SNN: synaptic operations per spiking node, from the trace's spike counts ({@link
 * SpikingCosts}): accumulates = source spikes × fan-out, and the first layer's multiply-accumulates
 * under direct encoding = non-zero input values × fan-out per timestep. Totals are divided by the
 * number of simulated samples; a sample that exited early stops contributing at its exit, so the
 * per-inference figures include the saving of early exit.
 *
 * <p>Rows (units MACs/inference, ACs/inference or ops/inference, ops = MACs + ACs): {@code
 * macs[ann][<node>]}, {@code macs[ann][total]}, {@code synops[snn][<node>]}, {@code
 * synops[snn][total]} (final), the series {@code synops[snn][total]} (cumulative at every timestep,
 * so cost can be plotted against T), {@code acs[snn][total]}, {@code macs[snn][total]}; with {@code
 * layerSeries}, a series {@code synops[snn][<node>]} per node. Both sides name a layer after the
 * ANN's conv or dense node (an SNN node after the ones it integrates, see {@link
 * SpikingCosts#label}), so ANN and SNN rows line up.
 */
public final class SynapticOpsModel implements HardwareModel {

  private final SynapticOpsConfig config;

  /** A model with the given options. */
  public SynapticOpsModel(SynapticOpsConfig config) {
    this.config = config;
  }

  @Override
  public List<Measurement> estimate(Evaluation evaluation, RunContext context) {
    List<Measurement> out = new ArrayList<>();
    List<WeightedLayer> ann = AnnCosts.layers(evaluation.ann());
    for (WeightedLayer l : ann) {
      out.add(new Measurement.Scalar("macs[ann][" + l.name() + "]", l.macs(), "MACs/inference"));
    }
    out.add(new Measurement.Scalar("macs[ann][total]", AnnCosts.totalMacs(ann), "MACs/inference"));
    if (!SpikingCosts.simulated(evaluation)) {
      return out;
    }
    SimulationTrace trace = evaluation.trace().get();
    double n = trace.samples();
    SpikingNetwork snn = evaluation.snn().get();
    List<SpikingCosts.NodeOps> nodes =
        SpikingCosts.count(snn, trace, InputStatistics.poissonSpikesPerSample(evaluation));
    double[] cumulative = new double[trace.timesteps()];
    double macs = 0;
    double acs = 0;
    for (SpikingCosts.NodeOps node : nodes) {
      double[] layer = new double[trace.timesteps()];
      double running = 0;
      for (int t = 0; t < layer.length; t++) {
        running += node.total(t) / n;
        layer[t] = running;
        cumulative[t] += running;
        macs += node.macs()[t] / n;
        acs += node.acs()[t] / n;
      }
      String name = "synops[snn][" + SpikingCosts.label(snn, node.node()) + "]";
      out.add(new Measurement.Scalar(name, node.sum() / n, "ops/inference"));
      if (config.layerSeries()) {
        out.add(new Measurement.Series(name, layer, "ops/inference"));
      }
    }
    out.add(new Measurement.Scalar("synops[snn][total]", macs + acs, "ops/inference"));
    out.add(new Measurement.Series("synops[snn][total]", cumulative, "ops/inference"));
    out.add(new Measurement.Scalar("macs[snn][total]", macs, "MACs/inference"));
    out.add(new Measurement.Scalar("acs[snn][total]", acs, "ACs/inference"));
    return out;
  }
}
