package org.bsnn.plugins.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.experiments.executor.ExecutorSpec;

/**
 * The Spark configuration of a workbench run. Anything given as a {@code spark.*} system property
 * ({@code BSNN_JAVA_OPTS="-Dspark.executor.memory=4g"}) or by {@code spark-submit} wins over the
 * defaults set here.
 */
final class SparkSettings {
  private SparkSettings() {}

  /**
   * What Spark needs on JDK 17+ (its serialisers and Netty reach into these packages), for the
   * driver (./bsnn) and every executor.
   */
  static final List<String> ADD_OPENS =
      List.of(
          "java.lang",
          "java.lang.invoke",
          "java.lang.reflect",
          "java.io",
          "java.net",
          "java.nio",
          "java.util",
          "java.util.concurrent",
          "java.util.concurrent.atomic",
          "sun.nio.ch",
          "sun.nio.cs",
          "sun.security.action",
          "sun.util.calendar");

  /** The add-opens options, space-separated. */
  static String addOpens() {
    StringBuilder b = new StringBuilder();
    for (String p : ADD_OPENS) {
      b.append("--add-opens=java.base/").append(p).append("=ALL-UNNAMED ");
    }
    return b.toString().trim();
  }

  /** The JVM options of an executor: Spark's opens plus the workbench's own. */
  static String executorJavaOptions(Path home) {
    return addOpens()
        + " --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
        + " -Djava.awt.headless=true -Dbsnn.home="
        + home
        + " -Dorg.bytedeco.javacpp.maxbytes=2G"
        + " -Dorg.bytedeco.javacpp.maxphysicalbytes=4G"
        + " -Dorg.bytedeco.javacpp.cachedir="
        + home.resolve(".javacpp-cache")
        + " -Dorg.slf4j.simpleLogger.defaultLogLevel=warn";
  }

  /**
   * The configuration for {@code spec}.
   *
   * @param home the workbench checkout (its JavaCPP cache)
   * @param appName the application's name in the master's UI
   * @throws UserFacingException when no master is given or a spark:// master does not answer
   */
  static SparkConf of(ExecutorSpec spec, Path home, String appName) {
    SparkConf conf = new SparkConf(true); // loads spark.* system properties (spark-submit's too)
    String master =
        spec.master()
            .or(
                () ->
                    conf.getOption("spark.master").isDefined()
                        ? java.util.Optional.of(conf.get("spark.master"))
                        : java.util.Optional.empty())
            .orElseThrow(
                () ->
                    new UserFacingException(
                        "the spark executor needs a master: --master local[2] (this machine),"
                            + " --master spark://HOST:7077 (a standalone cluster) or"
                            + " executor.master=... in the experiment; spark-submit sets it"
                            + " itself"));
    checkReachable(master);
    conf.setMaster(master).setAppName(appName);
    setDefault(conf, "spark.ui.enabled", "false");
    setDefault(conf, "spark.executor.extraJavaOptions", executorJavaOptions(home));
    // the executors load the workbench from the same paths as this driver (same machine, shared
    // folder or the same install); clusters without that ship the jars with spark.jars
    setDefault(conf, "spark.executor.extraClassPath", System.getProperty("java.class.path"));
    setDefault(conf, "spark.executorEnv.OMP_NUM_THREADS", "1");
    String tunables = System.getenv("GLIBC_TUNABLES");
    if (tunables != null) {
      setDefault(conf, "spark.executorEnv.GLIBC_TUNABLES", tunables);
    }
    if (loopback(master)) {
      setDefault(conf, "spark.driver.host", "127.0.0.1");
      setDefault(conf, "spark.driver.bindAddress", "127.0.0.1");
    }
    return conf;
  }

  private static void setDefault(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
    }
  }

  /** Whether everything stays on this machine (local mode or a master on a loopback address). */
  static boolean loopback(String master) {
    if (master.startsWith("local")) {
      return true;
    }
    String host = hostOf(master);
    return host != null
        && (host.equals("127.0.0.1") || host.equals("localhost") || host.startsWith("127."));
  }

  private static String hostOf(String master) {
    if (!master.startsWith("spark://")) {
      return null;
    }
    try {
      return URI.create(master.split(",")[0]).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Fails fast, with the address, when a standalone master does not accept connections (Spark
   * itself retries for a minute and then only stops the context).
   */
  static void checkReachable(String master) {
    if (!master.startsWith("spark://")) {
      if (!master.startsWith("local") && !master.startsWith("yarn") && !master.startsWith("k8s")) {
        throw new UserFacingException(
            "unknown Spark master '"
                + master
                + "'; use local[N], spark://HOST:PORT (standalone), yarn or k8s://...");
      }
      return;
    }
    URI uri;
    try {
      uri = URI.create(master);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("malformed Spark master '" + master + "': " + e.getMessage());
    }
    if (uri.getHost() == null || uri.getPort() < 0) {
      throw new UserFacingException(
          "malformed Spark master '" + master + "'; expected spark://HOST:PORT");
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot reach the Spark master at "
              + uri.getHost()
              + ":"
              + uri.getPort()
              + " ("
              + e.getMessage()
              + "); start it (tools/spark-cluster start) or check --master");
    }
  }
}
