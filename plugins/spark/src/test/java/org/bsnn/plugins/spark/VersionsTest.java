package org.bsnn.plugins.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.api.util.WorkbenchVersion;
import org.junit.jupiter.api.Test;

/**
 * A worker that runs another Spark or workbench version than the driver refuses the task with both
 * versions named, and the driver shows that line (not Spark's stack trace). A real cluster of
 * another Spark version cannot be started from this build's jars, so the driver's versions are the
 * ones made up here; the check and the path its message takes are the production ones.
 */
class VersionsTest {

  private static final String SPARK_HERE = Versions.here().spark();

  @Test
  void theSameVersionsPass() {
    Versions.here().check();
  }

  @Test
  void anotherSparkVersionNamesBothAndTheRemedy() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class, () -> new Versions("3.5.3", WorkbenchVersion.get()).check());
    assertEquals(
        "Spark version mismatch: the driver runs Spark 3.5.3, this worker "
            + SPARK_HERE
            + "; start the cluster from the workbench's jars (tools/spark-cluster) or with Spark"
            + " 3.5.3",
        e.getMessage());
  }

  @Test
  void anotherWorkbenchVersionNamesBoth() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class, () -> new Versions(SPARK_HERE, "0.0.9-old").check());
    assertTrue(
        e.getMessage()
            .startsWith(
                "workbench version mismatch: the driver runs 0.0.9-old, this worker "
                    + WorkbenchVersion.get()),
        e.getMessage());
  }

  @Test
  void aMismatchOnAWorkerReachesTheDriverAsOneClearLine() {
    Versions driver = new Versions("3.5.3", WorkbenchVersion.get());
    SparkConf conf =
        new SparkConf()
            .setMaster("local[1]")
            .setAppName("bsnn-versions-test")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1");
    try (JavaSparkContext context = new JavaSparkContext(conf)) {
      Exception e =
          assertThrows(
              Exception.class,
              () ->
                  context
                      .parallelize(List.of(0), 1)
                      .map(
                          i ->
                              TaskFailure.guard(
                                  () -> {
                                    driver.check();
                                    return i;
                                  }))
                      .collect());
      String line = TaskFailure.describe(e);
      assertTrue(
          line.startsWith("Spark version mismatch: the driver runs Spark 3.5.3, this worker "),
          line);
      assertFalse(line.contains("Exception"), line);
      assertFalse(line.contains("\n"), line);
    }
  }
}
