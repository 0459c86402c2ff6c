package org.bsnn.plugins.simulation;

import static org.bsnn.plugins.simulation.Traces.assertIdentical;

import java.util.List;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.plugins.simulation.TestNetworks.Options;
import org.bsnn.plugins.simulation.TestNetworks.Thresholds;
import org.bsnn.plugins.simulation.engine.EngineKnobs;
import org.bsnn.plugins.simulation.engine.KernelChoice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bitpacked popcount kernels with the Vector API popcount and with the scalar loops (what runs
 * on CPUs without a vector popcount, or with {@code -Dbsnn.popcount.vector=false}): both give the
 * reference's trace.
 */
class VectorPopcountTest {

  private boolean saved;

  @AfterEach
  void restore() {
    EngineKnobs.set("vectorPopcount", saved ? 1 : 0);
  }

  private static SimulationTrace run(SpikingNetwork net, InMemoryDataSplit data, boolean vector) {
    EngineKnobs.set("vectorPopcount", vector ? 1 : 0);
    return new BitpackedSimulator(
            new BitpackedConfig(
                BitpackedSimulatorTest.T,
                BitpackedSimulatorTest.BATCH,
                0,
                2,
                KernelChoice.POPCOUNT))
        .simulate(net, data, List.of(), new TestRunContext(5));
  }

  @Test
  void scalarAndVectorPopcountGiveTheReferenceTrace() {
    saved = EngineKnobs.get("vectorPopcount") != 0;
    SpikingNetwork net =
        TestNetworks.binary(
            31, 2, 12, 10, Options.defaults().withBias(true).with(Thresholds.CHANNEL));
    InMemoryDataSplit data = Traces.images(8, 9, 2, 12, 10);
    SimulationTrace reference =
        BitpackedSimulatorTest.run(
            BitpackedSimulatorTest.reference(BitpackedSimulatorTest.T), net, data, List.of());
    assertIdentical(reference, run(net, data, false));
    assertIdentical(reference, run(net, data, true));
  }
}
