package org.bsnn.plugins.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Dependency convergence where it matters: Spark brings its own Jackson, and Maven resolves this
 * module's class path (the one {@code ./bsnn} runs when Spark is chosen) as one tree, so a newer
 * Jackson or another ND4J or Tribuo could win here while the default path keeps the pinned ones.
 * Every ND4J, Jackson (core, dataformat) and Tribuo jar on this class path must carry the version
 * the parent pom pins for the default path (passed in by surefire from the same properties).
 */
class SparkClassPathTest {

  @Test
  void sparkKeepsTheDefaultPathsVersionsOfNd4jJacksonAndTribuo() {
    String nd4j = required("bsnn.expect.nd4j");
    String jackson = required("bsnn.expect.jackson");
    String tribuo = required("bsnn.expect.tribuo");
    // jackson-annotations is versioned major.minor only since Jackson 2.20
    String jacksonAnnotations = jackson.substring(0, jackson.lastIndexOf('.'));
    Map<String, List<String>> wrong = new TreeMap<>();
    Map<String, Integer> seen = new TreeMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (!entry.endsWith(".jar") || jar.getNameCount() < 4) {
        continue;
      }
      String version = jar.getParent().getFileName().toString();
      String artifact = jar.getParent().getParent().getFileName().toString();
      String group = jar.getParent().getParent().getParent().toString().replace('/', '.');
      String family;
      String expected;
      if (group.endsWith(".org.nd4j")) {
        family = "nd4j";
        expected = nd4j;
      } else if (group.endsWith(".org.tribuo")) {
        family = "tribuo";
        expected = tribuo;
      } else if (group.endsWith(".com.fasterxml.jackson.core")
          || group.endsWith(".com.fasterxml.jackson.dataformat")) {
        family = "jackson";
        expected = artifact.equals("jackson-annotations") ? jacksonAnnotations : jackson;
      } else {
        continue;
      }
      seen.merge(family, 1, Integer::sum);
      if (!version.equals(expected)) {
        wrong
            .computeIfAbsent(artifact, a -> new ArrayList<>())
            .add(version + " (pinned " + expected + ")");
      }
    }
    assertEquals(Map.of(), wrong, "versions that differ from the default path's");
    for (String family : List.of("jackson", "nd4j", "tribuo")) {
      assertFalse(seen.getOrDefault(family, 0) == 0, family + " jars on the class path: " + seen);
    }
  }

  private static String required(String key) {
    String value = System.getProperty(key);
    assertNotNull(value, key + " (set by plugins/spark/pom.xml)");
    return value;
  }
}
