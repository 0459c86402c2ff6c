package org.bsnn.plugins.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone master and workers, each a JVM of its own on 127.0.0.1, started from this
 * build's class path (no Spark download). Spark's launcher, which the workers use to start
 * executors, wants a {@code SPARK_HOME} with a {@code RELEASE} file and a {@code jars/} folder: one
 * is assembled from links to the class path's jars.
 */
final class StandaloneCluster implements AutoCloseable {

  private final Path dir;
  private final String classPath = System.getProperty("java.class.path");
  private final Path sparkHome;
  private final int port;
  private final int uiPort;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();

  StandaloneCluster(Path dir, int workerCount) throws IOException, InterruptedException {
    this.dir = dir;
    this.sparkHome = Files.createDirectories(dir.resolve("spark-home"));
    Files.createFile(sparkHome.resolve("RELEASE"));
    Path jars = Files.createDirectories(sparkHome.resolve("jars"));
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
        Path link = jars.resolve(p.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, p.toAbsolutePath());
        }
      }
    }
    this.port = freePort();
    this.uiPort = freePort();
    this.master =
        start(
            "master",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--webui-port",
            Integer.toString(uiPort));
    for (int i = 0; i < workerCount; i++) {
      workers.add(startWorker(i));
    }
    awaitWorkers(workerCount);
  }

  /** The master's URL. */
  String url() {
    return "spark://127.0.0.1:" + port;
  }

  /** A worker's process (its executors are its children). */
  Process worker(int i) {
    return workers.get(i);
  }

  /** Kills a worker and its executors with SIGKILL, as a machine that dies would. */
  void kill(int i) {
    Process w = workers.get(i);
    w.descendants().forEach(ProcessHandle::destroyForcibly);
    w.destroyForcibly();
  }

  /**
   * The worker whose child JVM is executor {@code executorId} of application {@code appId}, or -1.
   */
  int workerOf(String appId, String executorId) {
    for (int i = 0; i < workers.size(); i++) {
      boolean found =
          workers
              .get(i)
              .descendants()
              .anyMatch(
                  p -> {
                    // ProcessHandle.Info truncates long command lines (the class path is long)
                    List<String> args = commandLine(p.pid());
                    int app = args.indexOf("--app-id");
                    int id = args.indexOf("--executor-id");
                    return app >= 0
                        && id >= 0
                        && args.get(app + 1).equals(appId)
                        && args.get(id + 1).equals(executorId);
                  });
      if (found) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> commandLine(long pid) {
    try {
      String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
      return List.of(raw.split("\u0000"));
    } catch (IOException e) {
      return List.of();
    }
  }

  private Process startWorker(int i) throws IOException {
    Path work = Files.createDirectories(dir.resolve("work-" + i));
    return start(
        "worker-" + i,
        "org.apache.spark.deploy.worker.Worker",
        "--host",
        "127.0.0.1",
        "--cores",
        "1",
        "--memory",
        "2g",
        "--work-dir",
        work.toString(),
        "--webui-port",
        Integer.toString(freePort()),
        url());
  }

  private Process start(String name, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.addAll(List.of(SparkSettings.addOpens().split(" ")));
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve(name + ".log").toFile());
    return pb.start();
  }

  private void awaitWorkers(int count) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!master.isAlive()) {
        throw new IllegalStateException("the master died; see " + dir.resolve("master.log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", uiPort), 1000);
        String json =
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = alive.matcher(json);
        if (m.find() && Integer.parseInt(m.group(1)) >= count) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("workers did not register; see the logs in " + dir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Process w : workers) {
      w.descendants().forEach(ProcessHandle::destroyForcibly);
      w.destroyForcibly();
    }
    master.destroyForcibly();
  }
}
