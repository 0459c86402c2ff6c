package org.bsnn.experiments.executor;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkIO;
import org.bsnn.api.snn.SimulationShard;
import org.bsnn.api.snn.SimulationTrace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Serialisable forms of what crosses between the driver and workers: folders of files, a network
 * with its balancing scales (in the workbench's own file format, so it arrives bit for bit), and a
 * shard's trace.
 */
public final class Payloads {
  private Payloads() {}

  /**
   * A network as the files {@link NetworkIO} writes, and its scales.
   *
   * @param files relative path to content
   * @param scales per ReLU node: data type, shape and values (widened to double: exact)
   */
  public record NetworkPayload(Map<String, byte[]> files, Map<String, Tensor> scales)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The network and scales as they were. */
    public static NetworkPayload of(Network network, LayerScales scales) {
      Path dir = tempDir("bsnn-network");
      try {
        NetworkIO.save(network, dir.resolve("network"));
        Map<String, Tensor> s = new TreeMap<>();
        scales.byNode().forEach((node, v) -> s.put(node, Tensor.of(v)));
        return new NetworkPayload(readTree(dir.resolve("network")), s);
      } finally {
        deleteTree(dir);
      }
    }

    /** Loads the network (through a temporary folder) and the scales. */
    public Map.Entry<Network, LayerScales> load() {
      Path dir = tempDir("bsnn-network");
      try {
        writeTree(dir.resolve("network"), files);
        Network network = NetworkIO.load(dir.resolve("network"));
        Map<String, INDArray> s = new TreeMap<>();
        scales.forEach((node, t) -> s.put(node, t.array()));
        return Map.entry(network, new LayerScales(s));
      } finally {
        deleteTree(dir);
      }
    }
  }

  /**
   * An array's type, shape and values.
   *
   * @param type the {@link DataType} name
   * @param shape the shape
   * @param values the values in C order, widened to double
   */
  public record Tensor(String type, long[] shape, double[] values) implements Serializable {
    private static final long serialVersionUID = 1L;

    static Tensor of(INDArray a) {
      return new Tensor(
          a.dataType().name(), a.shape(), a.castTo(DataType.DOUBLE).dup('c').data().asDouble());
    }

    INDArray array() {
      return Nd4j.create(values, shape, 'c').castTo(DataType.valueOf(type));
    }
  }

  /**
   * A shard's trace in serialisable form.
   *
   * @param from index of its first sample
   * @param timesteps T
   * @param labels per sample
   * @param correct per timestep
   * @param predictions per sample
   * @param exit per sample
   * @param spikes per node (in the trace's order) per timestep
   * @param neurons per node
   * @param inputNonZero input non-zeros
   * @param firstOutput first output timestep
   */
  public record ShardPayload(
      int from,
      int timesteps,
      int[] labels,
      long[] correct,
      int[] predictions,
      int[] exit,
      LinkedHashMap<String, long[]> spikes,
      TreeMap<String, Long> neurons,
      long inputNonZero,
      int firstOutput)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The shard's fields. */
    public static ShardPayload of(SimulationShard shard) {
      SimulationTrace t = shard.trace();
      return new ShardPayload(
          shard.from(),
          t.timesteps(),
          t.labels(),
          t.correctByTimestep(),
          t.predictions(),
          t.exitTimestep(),
          new LinkedHashMap<>(t.spikesByNode()),
          new TreeMap<>(t.neuronsByNode()),
          t.inputCurrentNonZero(),
          t.firstOutputTimestep());
    }

    /** The shard again. */
    public SimulationShard shard() {
      return new SimulationShard(
          from,
          new SimulationTrace(
              timesteps,
              labels,
              correct,
              predictions,
              exit,
              spikes,
              neurons,
              inputNonZero,
              firstOutput));
    }
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file below {@code dir}, by '/'-separated relative path. */
  static Map<String, byte[]> readTree(Path dir) {
    Map<String, byte[]> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static void writeTree(Path dir, Map<String, byte[]> files) {
    try {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Path target = dir.resolve(e.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder left behind costs disk space only
    }
  }
}
