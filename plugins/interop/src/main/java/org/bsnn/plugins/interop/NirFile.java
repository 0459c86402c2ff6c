package org.bsnn.plugins.interop;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.util.IoErrors;
import org.bsnn.api.util.UserFacingException;

/**
 * Reads and writes {@link NirGraph}s as HDF5 files with jHDF (pure Java), in the layout of nir's
 * {@code serialization.py}. Writes are atomic: the file is assembled under a temporary name in the
 * target's directory and renamed into place, so a failed write leaves nothing behind.
 */
final class NirFile {

  /** Files up to this size are parsed from memory (see {@link #read(Path)}). */
  private static final long IN_MEMORY_LIMIT = 1L << 30;

  /** Deflate's largest expansion: a compressed dataset holds at most this many bytes per byte. */
  private static final long MAX_RATIO = 1032;

  private NirFile() {}

  /** Writes {@code graph} to {@code target}, replacing a file there. */
  static void write(NirGraph graph, Path target) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try (WritableHdfFile f = HdfFile.write(tmp)) {
        f.putDataset("version", graph.version());
        WritableGroup root = f.putGroup("node");
        root.putDataset("type", "NIRGraph");
        WritableGroup nodes = root.putGroup("nodes");
        graph
            .nodes()
            .forEach(
                (name, node) -> {
                  WritableGroup g = nodes.putGroup(name);
                  g.putDataset("type", node.type());
                  node.fields().forEach(g::putDataset);
                });
        String[][] edges =
            graph.edges().stream()
                .map(e -> new String[] {e.source(), e.target()})
                .toArray(String[][]::new);
        root.putDataset("edges", edges);
        if (!graph.metadata().isEmpty()) {
          WritableGroup meta = root.putGroup("metadata");
          graph.metadata().forEach(meta::putDataset);
        }
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UserFacingException("cannot write " + target + ": " + IoErrors.describe(e), e);
    } catch (RuntimeException e) {
      if (e instanceof UserFacingException) {
        throw e;
      }
      throw new UserFacingException(
          "cannot write " + target + ": the HDF5 writer failed (" + e.getMessage() + ")", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary name starts with '.', so it never looks like a result
        }
      }
    }
  }

  /**
   * Reads the graph in {@code file}.
   *
   * @throws UserFacingException naming the file when it is missing, not HDF5, truncated, or not
   *     laid out as a NIR graph
   */
  static NirGraph read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserFacingException(file + ": no such file");
    }
    long bytes;
    HdfFile hdf;
    try {
      bytes = Files.size(file);
      // In memory, every structure a corrupt header points at is a slice of the file's bytes, so a
      // huge declared length fails as out of bounds; jHDF's file channel would allocate it first.
      hdf = bytes <= IN_MEMORY_LIMIT ? HdfFile.fromBytes(Files.readAllBytes(file)) : null;
    } catch (IOException e) {
      throw new UserFacingException("cannot read " + file + ": " + IoErrors.describe(e), e);
    } catch (RuntimeException e) {
      throw unreadable(file, e);
    }
    try (HdfFile f = hdf != null ? hdf : new HdfFile(file)) {
      return new Reader(file, bytes).read(f);
    } catch (UserFacingException e) {
      throw e;
    } catch (RuntimeException e) {
      throw unreadable(file, e);
    }
  }

  private static UserFacingException unreadable(Path file, RuntimeException e) {
    return new UserFacingException(
        file
            + ": not a readable NIR file (the HDF5 reader says: "
            + (e.getMessage() == null ? "a corrupt structure" : e.getMessage())
            + "); the file may be truncated or not HDF5. Write it again with nir.write() or"
            + " `bsnn export-nir`",
        e);
  }

  /** One file's reader: its path and size bound what each dataset may declare. */
  private record Reader(Path file, long bytes) {

    NirGraph read(HdfFile f) {
      String version =
          f.getChild("version") instanceof Dataset v && v.getData() instanceof String s ? s : "";
      if (!(f.getChild("node") instanceof Group root)) {
        throw new UserFacingException(
            file + ": not a NIR file: it has no 'node' group (a NIR graph's root)");
      }
      String type = text(root, "type", "node");
      if (!"NIRGraph".equals(type)) {
        throw new UserFacingException(
            file
                + ": the root node is a "
                + type
                + ", not a NIRGraph; only graphs can be imported");
      }
      if (!(root.getChild("nodes") instanceof Group nodesGroup)) {
        throw new UserFacingException(file + ": the graph has no 'nodes' group");
      }
      Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
      for (Map.Entry<String, Node> e : nodesGroup.getChildren().entrySet()) {
        if (!(e.getValue() instanceof Group g)) {
          throw new UserFacingException(
              file + ": node '" + e.getKey() + "' is a dataset, not a group with a 'type'");
        }
        String nodeType = text(g, "type", "node '" + e.getKey() + "'");
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Node> field : g.getChildren().entrySet()) {
          // subgroups (input_type, output_type, metadata, nested graphs' nodes) are not parameters
          if (field.getValue() instanceof Dataset d && !field.getKey().equals("type")) {
            fields.put(
                field.getKey(), value(d, "node '" + e.getKey() + "' field " + field.getKey()));
          }
        }
        if (nodeType.equals("NIRGraph")) {
          fields.put("nodes", "(a nested graph)");
        }
        nodes.put(e.getKey(), new NirGraph.Node(nodeType, fields));
      }
      return new NirGraph(version, nodes, edges(root), metadata(root));
    }

    private List<NirGraph.Edge> edges(Group root) {
      List<NirGraph.Edge> edges = new ArrayList<>();
      Node node = root.getChild("edges");
      if (node instanceof Dataset d && d.getJavaType() == String.class) {
        int[] dims = d.getDimensions();
        if (dims.length != 2 || dims[1] != 2) {
          throw new UserFacingException(
              file + ": node/edges must be an [n, 2] string dataset, got " + Arrays.toString(dims));
        }
        String[] flat = (String[]) flat(d, "node/edges");
        for (int i = 0; i < flat.length; i += 2) {
          edges.add(new NirGraph.Edge(flat[i], flat[i + 1]));
        }
      } else if (node instanceof Group g
          && g.getChild("src") instanceof Dataset src
          && g.getChild("dst") instanceof Dataset dst
          && src.getJavaType() == String.class
          && dst.getJavaType() == String.class) {
        String[] s = strings(src, "node/edges/src");
        String[] t = strings(dst, "node/edges/dst");
        if (s.length != t.length) {
          throw new UserFacingException(
              file + ": node/edges/src has " + s.length + " entries but dst " + t.length);
        }
        for (int i = 0; i < s.length; i++) {
          edges.add(new NirGraph.Edge(s[i], t[i]));
        }
      } else if (node != null && !(node instanceof Dataset d0 && d0.isEmpty())) {
        throw new UserFacingException(
            file + ": node/edges must be an [n, 2] string dataset of (source, target) names");
      }
      return edges;
    }

    private Map<String, Object> metadata(Group root) {
      Map<String, Object> out = new LinkedHashMap<>();
      if (root.getChild("metadata") instanceof Group meta) {
        for (Map.Entry<String, Node> e : meta.getChildren().entrySet()) {
          if (e.getValue() instanceof Dataset d) {
            out.put(e.getKey(), value(d, "metadata " + e.getKey()));
          }
        }
      }
      return out;
    }

    private String text(Group g, String name, String where) {
      if (g.getChild(name) instanceof Dataset d
          && data(d, where + "/" + name) instanceof String s) {
        return s;
      }
      throw new UserFacingException(file + ": " + where + " has no '" + name + "' string");
    }

    private String[] strings(Dataset d, String where) {
      Object data = d.isScalar() ? new String[] {(String) data(d, where)} : flat(d, where);
      return (String[]) data;
    }

    /** A dataset as a {@link String}, {@code String[]} (flat) or {@link NirGraph.Tensor}. */
    private Object value(Dataset d, String where) {
      if (d.getJavaType() == String.class) {
        return d.isScalar() ? (String) data(d, where) : strings(d, where);
      }
      long[] shape = Arrays.stream(d.getDimensions()).asLongStream().toArray();
      Object data = d.isScalar() ? data(d, where) : flat(d, where);
      String dtype = d.getJavaType().getSimpleName();
      float[] values =
          switch (data) {
            case float[] a -> a;
            case double[] a -> toFloat(a.length, i -> a[i]);
            case long[] a -> toFloat(a.length, i -> a[i]);
            case int[] a -> toFloat(a.length, i -> a[i]);
            case short[] a -> toFloat(a.length, i -> a[i]);
            case byte[] a -> toFloat(a.length, i -> a[i]);
            case boolean[] a -> toFloat(a.length, i -> a[i] ? 1 : 0);
            case Number n -> new float[] {n.floatValue()};
            case Boolean b -> new float[] {b ? 1f : 0f};
            default -> null;
          };
      if (values == null) {
        return "(a " + dtype + " dataset)";
      }
      return new NirGraph.Tensor(shape, values, dtypeName(dtype, data));
    }

    /** The dataset's data, once its declared size is known to fit the file. */
    private Object data(Dataset d, String where) {
      try {
        checkSize(d, where);
        return d.getData();
      } catch (UserFacingException e) {
        throw e;
      } catch (RuntimeException e) {
        throw corrupt(where, e);
      }
    }

    private Object flat(Dataset d, String where) {
      try {
        checkSize(d, where);
        return d.getDataFlat();
      } catch (UserFacingException e) {
        throw e;
      } catch (RuntimeException e) {
        throw corrupt(where, e);
      }
    }

    /** jHDF's failure to read one dataset, naming it. */
    private UserFacingException corrupt(String where, RuntimeException e) {
      return new UserFacingException(
          file
              + ": dataset "
              + where
              + " cannot be read (the HDF5 reader says: "
              + (e.getMessage() == null ? "a corrupt structure" : e.getMessage())
              + "); the file may be truncated or corrupt. Write it again with nir.write() or"
              + " `bsnn export-nir`",
          e);
    }

    /**
     * Refuses a dataset whose declared size the file cannot hold, before jHDF allocates it: raw
     * data is at most the file's size, compressed data at most deflate's best ratio (about 1:1032)
     * times it.
     */
    private void checkSize(Dataset d, String where) {
      long declared = d.getSizeInBytes();
      long limit =
          d.getFilters().isEmpty()
              ? bytes
              : bytes > Long.MAX_VALUE / MAX_RATIO ? Long.MAX_VALUE : bytes * MAX_RATIO;
      if (d.getSize() < 0 || declared < 0 || declared > limit) {
        throw new UserFacingException(
            file
                + ": dataset "
                + where
                + " declares "
                + Arrays.toString(d.getDimensions())
                + " elements ("
                + declared
                + " bytes), more than the "
                + bytes
                + "-byte file can hold; the file is corrupt. Write it again with nir.write() or"
                + " `bsnn export-nir`");
      }
    }
  }

  private static String dtypeName(String javaType, Object data) {
    return switch (data) {
      case float[] a -> "float32";
      case Float f -> "float32";
      case double[] a -> "float64";
      case Double x -> "float64";
      case long[] a -> "int64";
      case Long x -> "int64";
      case int[] a -> "int32";
      case Integer x -> "int32";
      default -> javaType;
    };
  }

  private static float[] toFloat(int n, java.util.function.IntToDoubleFunction at) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) at.applyAsDouble(i);
    }
    return out;
  }
}
