package org.bsnn.api.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The QCFS activation of Bu et al. (ICLR 2022) in the IR: its values, and network.json. */
class QcfsLayerTest {

  /** The paper's formula, in double precision. */
  private static double qcfs(double x, double lambda, int levels) {
    double q = Math.floor(x * levels / lambda + 0.5) / levels;
    return lambda * Math.min(1, Math.max(0, q));
  }

  @ParameterizedTest(name = "lambda {0}, L {1}")
  @CsvSource({"2.0, 4", "8.0, 8", "0.75, 1", "3.3, 5"})
  void valuesOnAGridFollowTheFormula(double lambda, int levels) {
    int n = 2000;
    float[] xs = new float[n];
    for (int i = 0; i < n; i++) {
      xs[i] = (float) (-0.5 * lambda + i * 2.0 * lambda / n + 1e-3);
    }
    INDArray x = Nd4j.createFromArray(xs).reshape(1, n);
    INDArray y = LayerOps.apply(new Layer.Qcfs(lambda, levels), x);
    int checked = 0;
    for (int i = 0; i < n; i++) {
      // a step's edge, x = lambda (k - 1/2) / L, may fall either way in float32: skip its vicinity
      double u = xs[i] * levels / lambda + 0.5;
      if (Math.abs(u - Math.rint(u)) < 1e-4) {
        continue;
      }
      assertEquals(qcfs(xs[i], lambda, levels), y.getDouble(0, i), 1e-5 * lambda, "x=" + xs[i]);
      checked++;
    }
    assertTrue(checked > n * 0.9, "checked " + checked);
    // levels + 1 output values: 0, lambda / L, ..., lambda
    assertEquals(levels + 1, java.util.Arrays.stream(y.toDoubleVector()).distinct().count());
    assertEquals(0.0, y.minNumber().doubleValue());
    assertEquals(lambda, y.maxNumber().doubleValue(), 1e-6);
  }

  @Test
  void isASpikingActivationThatKeepsTheShape() {
    Layer.Qcfs q = new Layer.Qcfs(1.5, 4);
    assertTrue(q.isSpikingActivation());
    assertEquals("qcfs", q.type());
    assertEquals(
        List.of(3L, 4L, 4L),
        java.util.Arrays.stream(LayerOps.outputShape(q, List.of(new long[] {3, 4, 4})))
            .boxed()
            .toList());
  }

  @Test
  void rejectsBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> new Layer.Qcfs(0, 4));
    assertThrows(IllegalArgumentException.class, () -> new Layer.Qcfs(Double.NaN, 4));
    assertThrows(IllegalArgumentException.class, () -> new Layer.Qcfs(1, 0));
  }

  private static Network net(double lambda, int levels) {
    INDArray w = Nd4j.rand(DataType.FLOAT, 3, 4);
    return new Network(
        "qcfs-net",
        new long[] {1, 1, 4},
        List.of(
            Node.of("flat", new Layer.Flatten(), Network.INPUT),
            Node.of("fc1", new Layer.Dense(new Weights.FullPrecision(w), null), "flat"),
            Node.of("q1", new Layer.Qcfs(lambda, levels), "fc1"),
            Node.of(
                "fc2",
                new Layer.Dense(
                    new Weights.FullPrecision(
                        w.get(
                                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3))
                            .dup()),
                    null),
                "q1")),
        "fc2");
  }

  @Test
  void lambdaAndLevelsSurviveNetworkJson(@TempDir Path tmp) {
    // a lambda that float32 cannot hold exactly: the IR keeps the double
    Network net = net(3.141592653589793, 5);
    NetworkIO.save(net, tmp.resolve("n"));
    Network back = NetworkIO.load(tmp.resolve("n"));
    Layer.Qcfs q = (Layer.Qcfs) back.node("q1").layer();
    assertEquals(3.141592653589793, q.lambda());
    assertEquals(5, q.levels());
  }

  @Test
  void aNonPositiveLambdaInNetworkJsonIsAnErrorNamingTheFile(@TempDir Path tmp) throws Exception {
    NetworkIO.save(net(2.0, 4), tmp.resolve("n"));
    Path json = tmp.resolve("n").resolve("network.json");
    Files.writeString(
        json, Files.readString(json).replace("\"lambda\" : 2.0", "\"lambda\" : -1.0"));
    UserFacingException e =
        assertThrows(UserFacingException.class, () -> NetworkIO.load(tmp.resolve("n")));
    assertTrue(e.getMessage().contains("network.json"), e.getMessage());
    assertTrue(e.getMessage().contains("lambda"), e.getMessage());
  }
}
