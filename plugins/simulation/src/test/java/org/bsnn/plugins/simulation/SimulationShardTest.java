package org.bsnn.plugins.simulation;

import static org.bsnn.plugins.simulation.Traces.assertIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SimulationShard;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingSimulation;
import org.bsnn.api.snn.TimestepView;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.plugins.simulation.engine.KernelEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Shards of a split simulated apart and merged give exactly the trace of one run: Poisson input is
 * drawn per sample, never per shard, and early exits, spikes and accuracy add up.
 */
class SimulationShardTest {

  private static final int T = 25;
  private static final int BATCH = 8;
  private static final int SAMPLES = 24;

  @ParameterizedTest(name = "{0}, {1}, cut at {2}")
  @CsvSource({
    "time-stepped,POISSON,8",
    "time-stepped,POISSON,13",
    "time-stepped,DIRECT,16",
    "event-driven,POISSON,8",
    "event-driven,DIRECT,5"
  })
  void twoShardsMergedAreOneRun(String backendName, Encoding encoding, int cut) {
    RandomMlp mlp = new RandomMlp(42, SAMPLES, 16, 32, 24, 10);
    SpikingNetwork net = mlp.snn(ResetMode.SUBTRACT, Propagation.PIPELINED, encoding);
    InMemoryDataSplit data = mlp.split();
    SpikingSimulation simulation = new SpikingSimulation(T, BATCH, 0);
    List<Optimizer> exits = List.of(new StopByIndex());

    SimulationShard whole =
        simulation.simulateShard(net, data, 0, SAMPLES, exits, context(), backend(backendName));
    SimulationShard first =
        simulation.simulateShard(net, data, 0, cut, exits, context(), backend(backendName));
    SimulationShard second =
        simulation.simulateShard(net, data, cut, SAMPLES, exits, context(), backend(backendName));

    assertTrue(Traces.total(whole.trace().spikesByNode().get("h1")) > 0, "the network must spike");
    assertTrue(
        java.util.Arrays.stream(whole.trace().exitTimestep()).anyMatch(t -> t < T),
        "some samples must exit early");
    assertIdentical(whole.trace(), SimulationShard.merge(List.of(second, first)));
    long[][] a = first.confusion(10);
    long[][] b = second.confusion(10);
    long[][] all = whole.confusion(10);
    for (int label = 0; label < 10; label++) {
      for (int p = 0; p < 10; p++) {
        assertEquals(all[label][p], a[label][p] + b[label][p]);
      }
    }
    long[] exitsA = first.exits();
    long[] exitsB = second.exits();
    long[] exitsAll = whole.exits();
    for (int t = 0; t < T; t++) {
      assertEquals(exitsAll[t], exitsA[t] + exitsB[t]);
    }
  }

  @Test
  void shardsWithAGapAreRefused() {
    int cut = 8;
    RandomMlp mlp = new RandomMlp(7, 12, 16, 24, 10);
    SpikingNetwork net = mlp.snn(ResetMode.SUBTRACT, Propagation.SAME_STEP, Encoding.DIRECT);
    SpikingSimulation simulation = new SpikingSimulation(5, BATCH, 0);
    SimulationShard first =
        simulation.simulateShard(
            net, mlp.split(), 0, cut - 2, List.of(), context(), backend("time-stepped"));
    SimulationShard second =
        simulation.simulateShard(
            net, mlp.split(), cut, 12, List.of(), context(), backend("time-stepped"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SimulationShard.merge(List.of(first, second)));
    assertTrue(e.getMessage().contains("contiguous"), e.getMessage());
    SimulationTrace one = SimulationShard.merge(List.of(first));
    assertArrayEquals(first.trace().predictions(), one.predictions());
  }

  private static SpikingSimulation.Backend backend(String name) {
    return switch (name) {
      case "time-stepped" -> new TimeSteppedSimulator(new TimeSteppedConfig(T, BATCH, 0));
      case "event-driven" -> KernelEngine.eventDriven(T, BATCH, 0, 2, 1.0);
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static TestRunContext context() {
    return new TestRunContext(5, "simulate", "shards", null);
  }

  /** Stops sample i (its index in the split) at timestep 3 + i mod 7, except every third sample. */
  private static final class StopByIndex implements Optimizer {
    @Override
    public boolean[] onTimestep(TimestepView view) {
      boolean[] stop = new boolean[view.sampleIndices().length];
      for (int k = 0; k < stop.length; k++) {
        int i = view.sampleIndices()[k];
        stop[k] = i % 3 != 0 && view.timestep() == 3 + i % 7;
      }
      return stop;
    }
  }
}
