package org.bsnn.plugins.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.config.ConfigEntry;
import org.bsnn.api.config.ConfigException;
import org.bsnn.api.config.SourceLocation;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.snn.Propagation;
import org.junit.jupiter.api.Test;

class EnergyModelTest {

  private static final SourceLocation AT = new SourceLocation("exp.yaml", 3);

  @Test
  void horowitzDefaultsOnAFullPrecisionNetwork() {
    List<Measurement> ms =
        new EnergyModel(EnergyConfig.defaults())
            .estimate(
                Tiny.evaluation(false, Propagation.PIPELINED, new int[] {3, 3}),
                new TestRunContext(0));
    assertEquals(12 * 4.6, Tiny.scalar(ms, "energy[ann][dense1]"), 1e-9);
    assertEquals(18 * 4.6, Tiny.scalar(ms, "energy[ann][total]"), 1e-9);
    // 27 first-layer MACs and 6 ACs per inference (see SynapticOpsModelTest)
    assertEquals(27 * 4.6, Tiny.scalar(ms, "energy[fp-snn][relu]"), 1e-9);
    assertEquals(6 * 0.9, Tiny.scalar(ms, "energy[fp-snn][dense2]"), 1e-9);
    assertEquals(27 * 4.6 + 6 * 0.9, Tiny.scalar(ms, "energy[fp-snn][total]"), 1e-9);
    assertArrayEquals(
        new double[] {9 * 4.6, 18 * 4.6 + 2 * 0.9, 27 * 4.6 + 6 * 0.9},
        Tiny.series(ms, "energy[fp-snn][total]"),
        1e-9);
    assertEquals(
        18 * 4.6 / (27 * 4.6 + 6 * 0.9), Tiny.scalar(ms, "energy-ratio[ann/fp-snn]"), 1e-12);
    Tiny.assertNone(ms, "energy[binary-snn]");
  }

  @Test
  void binaryNetworkUsesTheBinarySnnPrecision() {
    EnergyConfig config = new EnergyConfig(EnergyConfig.horowitz2014(), "fp32", "fp32", "int32");
    List<Measurement> ms =
        new EnergyModel(config)
            .estimate(
                Tiny.evaluation(true, Propagation.PIPELINED, new int[] {3, 3}),
                new TestRunContext(0));
    assertEquals(27 * 3.2, Tiny.scalar(ms, "energy[binary-snn][relu]"), 1e-9);
    assertEquals(6 * 0.1, Tiny.scalar(ms, "energy[binary-snn][dense2]"), 1e-9);
    Tiny.assertNone(ms, "energy[fp-snn]");
  }

  @Test
  void annOnlyRunGivesAnnRowsOnly() {
    List<Measurement> ms =
        new EnergyModel(EnergyConfig.defaults())
            .estimate(Tiny.annOnly(false), new TestRunContext(0));
    assertEquals(18 * 4.6, Tiny.scalar(ms, "energy[ann][total]"), 1e-9);
    assertEquals(3, ms.size());
  }

  @Test
  void missingOperationKindsFailAtValidation() {
    Map<String, Double> noAdd = new LinkedHashMap<>(EnergyConfig.horowitz2014());
    noAdd.remove("fp32-add");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new EnergyConfig(noAdd, "fp32", "fp32", "int32"));
    assertTrue(e.getMessage().contains("'fp32-add' (needed by fpSnnPrecision)"), e.getMessage());
    Map<String, Double> int8 = new LinkedHashMap<>(EnergyConfig.horowitz2014());
    int8.put("int8-mac", 0.2);
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new EnergyConfig(int8, "fp32", "fp32", "int8"));
    assertTrue(
        e.getMessage().contains("'int8-add' (needed by binarySnnPrecision)"), e.getMessage());
  }

  @Test
  void badTableEntriesFailAtValidation() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new EnergyConfig(Map.of("fp32-mac", -1.0, "fp32-add", 0.9), "fp32", "fp32", "fp32"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new EnergyConfig(
                Map.of("fp32-mac", Double.NaN, "fp32-add", 0.9), "fp32", "fp32", "fp32"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EnergyConfig(
                    Map.of("fp32-mac", 4.6, "fp32-add", 0.9, "fp32-mul", 3.7),
                    "fp32",
                    "fp32",
                    "fp32"));
    assertTrue(e.getMessage().contains("fp32-mul"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new EnergyConfig(EnergyConfig.horowitz2014(), "", "fp32", "fp32"));
  }

  @Test
  void yamlTablesAreMergedOverTheDefaultsAndCheckedAtBinding() {
    Map<String, ConfigEntry> entries = new LinkedHashMap<>();
    entries.put(
        "operationEnergyPj", new ConfigEntry(Map.of("int8-mac", 0.2, "int8-add", 0.03), AT));
    entries.put("binarySnnPrecision", new ConfigEntry("int8", AT));
    EnergyConfig bound =
        ConfigBinder.bind(
            "hardware plugin 'energy'", EnergyConfig.class, EnergyConfig.defaults(), entries);
    assertEquals(6, bound.operationEnergyPj().size());
    assertEquals(0.03, bound.add("int8"));
    assertEquals(4.6, bound.mac("fp32"));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigBinder.bind(
                    "hardware plugin 'energy'",
                    EnergyConfig.class,
                    EnergyConfig.defaults(),
                    Map.of("annPrecision", new ConfigEntry("bf16", AT))));
    assertTrue(
        e.getMessage().contains("bf16-mac") && e.getMessage().contains("exp.yaml:3"),
        e.getMessage());
  }
}
