package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The latency table reads accuracy at powers of two, the timesteps to within, and the energy there.
 */
class LatencyTableTest {

  @Test
  void timestepsArePowersOfTwoUpToHalfTheLastThenTheLast() {
    assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 200), LatencyTable.timesteps(200));
    assertEquals(List.of(1, 2, 4, 8), LatencyTable.timesteps(8));
    assertEquals(List.of(1, 2, 4, 8, 16, 32, 100), LatencyTable.timesteps(100));
    assertEquals(List.of(1), LatencyTable.timesteps(1));
  }

  @Test
  void rowsGiveAccuracyAtTTimestepsToWithinAndEnergyAtThatTimestep() {
    TreeMap<String, String> paper = TestRows.params("binarize", "none", "optimize", "none");
    TreeMap<String, String> ip =
        TestRows.params("binarize", "none", "optimize", "[initial-potential]");
    TestRows r = new TestRows("synth");
    double[] slow = {0.1, 0.2, 0.4, 0.6, 0.8, 0.85, 0.88, 0.9};
    double[] fast = {0.5, 0.8, 0.88, 0.9, 0.9, 0.9, 0.9, 0.91};
    // cumulative energy in nJ: 10 nJ per timestep = 10,000 pJ
    double[] energy = {10, 20, 30, 40, 50, 60, 70, 80};
    r.scalar(paper, 0, "ann-accuracy-on-snn-samples", 0.9)
        .scalar(paper, 0, "timesteps-to-within[1.0 pt]", 8)
        .series(paper, 0, "snn-accuracy", slow, "fraction")
        .series(paper, 0, "energy[fp-snn][total]", energy, "nJ/inference")
        .scalar(paper, 0, "hardware", "energy[ann][total]", 2e6, "pJ/inference")
        .scalar(ip, 0, "ann-accuracy-on-snn-samples", 0.9)
        .scalar(ip, 0, "timesteps-to-within[1.0 pt]", 3)
        .series(ip, 0, "snn-accuracy", fast, "fraction")
        .series(ip, 0, "energy[fp-snn][total]", energy, "nJ/inference");
    ExperimentResults e = ExperimentResults.of("synth", r.rows);
    Variant vPaper = variant(e, "none");
    Variant vIp = variant(e, "[initial-potential]");
    ReportDocument.Table t =
        LatencyTable.of(
                e,
                List.of(
                    new LatencyTable.Row("paper", Optional.of(vPaper), Optional.empty()),
                    new LatencyTable.Row("ip", Optional.of(vIp), Optional.empty())),
                List.of(1.0),
                8)
            .orElseThrow();
    assertEquals(
        List.of(
            "setting",
            "precision",
            "ANN (%)",
            "T=1",
            "T=2",
            "T=4",
            "T=8",
            "T to within 1.0 pt",
            "energy at T within 1.0 pt (µJ)",
            "ANN energy (µJ)"),
        t.header());
    assertEquals(
        List.of("paper", "FP", "90.00", "10.00", "20.00", "60.00", "90.00", "8", "0.08", "2.00"),
        t.rows().get(0));
    // within 1 pt at T=3: 30 nJ = 0.03 µJ; no ANN energy row for this variant
    assertEquals(
        List.of("ip", "FP", "90.00", "50.00", "80.00", "90.00", "91.00", "3", "0.03", "-"),
        t.rows().get(1));
  }

  @Test
  void aSettingThatNeverComesWithinSaysSoAndHasNoEnergy() {
    TreeMap<String, String> p = TestRows.params("binarize", "none");
    TestRows r = new TestRows("synth");
    r.scalar(p, 0, "ann-accuracy", 0.9)
        .scalar(p, 0, "timesteps-to-within[1.0 pt]", Double.NaN)
        .series(p, 0, "snn-accuracy", new double[] {0.1, 0.2}, "fraction");
    ExperimentResults e = ExperimentResults.of("synth", r.rows);
    ReportDocument.Table t =
        LatencyTable.of(
                e,
                List.of(
                    new LatencyTable.Row("", Optional.of(e.variants().get(0)), Optional.empty())),
                List.of(1.0),
                2)
            .orElseThrow();
    List<String> row = t.rows().get(0);
    assertEquals("never", row.get(5));
    assertEquals("-", row.get(6));
    assertTrue(row.get(0).equals("-"), row.toString());
  }

  private static Variant variant(ExperimentResults e, String optimize) {
    return e.variants().stream()
        .filter(v -> optimize.equals(v.params().get("optimize")))
        .findFirst()
        .orElseThrow();
  }
}
