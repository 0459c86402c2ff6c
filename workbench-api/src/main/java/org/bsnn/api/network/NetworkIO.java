package org.bsnn.api.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Saves and loads a {@link Network} as a directory that NumPy can read:
 *
 * <pre>
 * dir/network.json                 format version, name, input shape, output, nodes in order
 * dir/tensors/&lt;node&gt;.&lt;param&gt;.npy  float32 tensors; binary signs as int8 (-1/+1)
 * </pre>
 *
 * <p>Params are {@code weight, bias} (full precision), {@code signs, alpha, bias} (binary) and
 * {@code gamma, beta, mean, variance} (batchnorm). Layouts are PyTorch's: conv weights {@code [out,
 * in, k, k]}, dense weights {@code [out, in]}, alpha and vectors {@code [out]}. See {@code
 * docs/network-ir.md}.
 */
public final class NetworkIO {

  /** The version written to and required in {@code network.json}. */
  public static final int FORMAT_VERSION = 1;

  static final String JSON = "network.json";
  static final String TENSORS = "tensors";
  static final String FULL_PRECISION = "full-precision";
  static final String BINARY = "binary";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private NetworkIO() {}

  /**
   * Writes {@code net} to {@code dir}, replacing a network saved there before.
   *
   * <p>The directory is assembled as a hidden temporary sibling and renamed into place, so a reader
   * never sees a half-written network. Replacing an existing directory takes two renames (old out
   * of the way, new in); between them {@code dir} briefly does not exist.
   *
   * @param net the network; node names must be usable in file names (no '/', '\', ':')
   * @param dir the target directory; created with its parents if needed
   * @throws UserFacingException if {@code dir} exists but is not a saved network (it is never
   *     replaced then), or on I/O errors
   * @throws IllegalArgumentException if binary weights hold values other than -1/+1 or a
   *     non-positive alpha
   */
  public static void save(Network net, Path dir) {
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null) {
      throw new UserFacingException("cannot save a network as the file-system root " + dir);
    }
    for (Node node : net.nodes()) {
      checkFileNamePart(node.name());
    }
    refuseForeignDirectory(target);
    Path tmp = parent.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(parent);
      // Files.createDirectory (not createTempDirectory, which is owner-only) keeps the umask's
      // permissions on the final directory.
      Files.createDirectory(tmp);
      Path tensors = Files.createDirectory(tmp.resolve(TENSORS));
      ArrayNode nodes = MAPPER.createArrayNode();
      for (Node node : net.nodes()) {
        nodes.add(writeNode(node, tensors));
      }
      ObjectNode root = MAPPER.createObjectNode();
      root.put("format", FORMAT_VERSION);
      root.put("name", net.name());
      ArrayNode shape = root.putArray("inputShape");
      for (long d : net.inputShape()) {
        shape.add(d);
      }
      root.put("output", net.output());
      root.set("nodes", nodes);
      Files.writeString(
          tmp.resolve(JSON), MAPPER.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
      replace(tmp, target);
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot save network '"
              + net.name()
              + "' to "
              + dir
              + ": "
              + org.bsnn.api.util.IoErrors.describe(e),
          e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /**
   * Reads a network written by {@link #save} (or by hand, following {@code docs/network-ir.md}).
   *
   * @param dir the directory holding {@code network.json} and {@code tensors/}
   * @return the network, validated with {@link NetworkForward#shapes}
   * @throws UserFacingException naming the file and node on a missing file, unknown format version
   *     or layer type, missing attribute, wrong tensor shape, invalid binary weights, or a
   *     parameter holding NaN or infinity (see {@link NetworkChecks})
   */
  public static Network load(Path dir) {
    Path json = dir.resolve(JSON);
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(json, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new UserFacingException("no saved network in " + dir + ": " + json + " is missing");
    } catch (JsonProcessingException e) {
      throw new UserFacingException(json + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot read " + json + ": " + org.bsnn.api.util.IoErrors.describe(e), e);
    }
    if (root == null || !root.isObject()) {
      throw new UserFacingException(json + " must hold a JSON object");
    }
    JsonNode format = root.get("format");
    if (format == null || !format.isInt() || format.intValue() != FORMAT_VERSION) {
      throw new UserFacingException(
          json + " has format " + format + "; this workbench reads format " + FORMAT_VERSION);
    }
    String name = text(json, root, "name", "the network");
    String output = text(json, root, "output", "the network");
    JsonNode shapeNode = root.get("inputShape");
    if (shapeNode == null || !shapeNode.isArray() || shapeNode.size() != 3) {
      throw new UserFacingException(json + ": inputShape must be [channels, height, width]");
    }
    long[] inputShape = new long[3];
    for (int i = 0; i < 3; i++) {
      if (!shapeNode.get(i).canConvertToLong() || !shapeNode.get(i).isIntegralNumber()) {
        throw new UserFacingException(json + ": inputShape must hold integers, got " + shapeNode);
      }
      inputShape[i] = shapeNode.get(i).longValue();
    }
    JsonNode nodesNode = root.get("nodes");
    if (nodesNode == null || !nodesNode.isArray()) {
      throw new UserFacingException(json + ": 'nodes' must be an array");
    }
    List<Node> nodes = new ArrayList<>();
    for (JsonNode n : nodesNode) {
      nodes.add(readNode(dir, json, n));
    }
    Network net;
    try {
      net = new Network(name, inputShape, nodes, output);
      NetworkForward.shapes(net);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(json + ": " + e.getMessage(), e);
    }
    NetworkChecks.requireFinite(net, "network " + json, NetworkChecks.LOADED_ADVICE);
    return net;
  }

  // ---------------------------------------------------------------- writing

  private static ObjectNode writeNode(Node node, Path tensors) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("name", node.name());
    n.put("type", node.layer().type());
    ArrayNode inputs = n.putArray("inputs");
    node.inputs().forEach(inputs::add);
    // TreeMaps give the sorted key order that keeps the file stable across saves.
    Map<String, Number> attributes = new TreeMap<>();
    Map<String, INDArray> params = new TreeMap<>();
    Weights weights = null;
    switch (node.layer()) {
      case Layer.Conv2d conv -> {
        attributes.put("kernel", conv.kernel());
        attributes.put("stride", conv.stride());
        attributes.put("padding", conv.padding());
        weights = conv.weights();
        putIfPresent(params, "bias", conv.bias());
      }
      case Layer.Dense dense -> {
        weights = dense.weights();
        putIfPresent(params, "bias", dense.bias());
      }
      case Layer.AvgPool2d pool -> {
        attributes.put("kernel", pool.kernel());
        attributes.put("stride", pool.stride());
      }
      case Layer.MaxPool2d pool -> {
        attributes.put("kernel", pool.kernel());
        attributes.put("stride", pool.stride());
      }
      case Layer.BatchNorm bn -> {
        attributes.put("epsilon", bn.epsilon());
        params.put("gamma", bn.gamma());
        params.put("beta", bn.beta());
        params.put("mean", bn.mean());
        params.put("variance", bn.variance());
      }
      case Layer.Dropout dropout -> attributes.put("rate", dropout.rate());
      case Layer.Qcfs q -> {
        attributes.put("lambda", q.lambda());
        attributes.put("levels", q.levels());
      }
      // No attributes and no parameters: the type name is the whole layer.
      case Layer.Relu r -> {}
      case Layer.Flatten f -> {}
      case Layer.Add a -> {}
      case Layer.Sign s -> {}
    }
    ObjectNode attrs = n.putObject("attributes");
    attributes.forEach(
        (k, v) -> {
          if (v instanceof Integer i) {
            attrs.put(k, i);
          } else {
            attrs.put(k, v.doubleValue());
          }
        });
    String signsParam = null;
    if (weights != null) {
      switch (weights) {
        case Weights.FullPrecision fp -> {
          n.put("weights", FULL_PRECISION);
          params.put("weight", fp.values());
        }
        case Weights.Binary b -> {
          // Fail at save time rather than writing a network that load() would reject.
          b.validateValues();
          n.put("weights", BINARY);
          params.put("signs", b.signs());
          params.put("alpha", b.alpha().reshape(b.alpha().length()));
          signsParam = "signs";
        }
      }
    }
    ObjectNode files = n.putObject("tensors");
    for (Map.Entry<String, INDArray> p : params.entrySet()) {
      String file = node.name() + "." + p.getKey() + ".npy";
      files.put(p.getKey(), file);
      if (p.getKey().equals(signsParam)) {
        Npy.writeInt8(tensors.resolve(file), p.getValue());
      } else {
        Npy.write(tensors.resolve(file), p.getValue());
      }
    }
    return n;
  }

  private static void putIfPresent(Map<String, INDArray> params, String key, INDArray value) {
    if (value != null) {
      params.put(key, value);
    }
  }

  private static void checkFileNamePart(String name) {
    for (char c : name.toCharArray()) {
      if (c == '/' || c == '\\' || c == ':' || c < 0x20) {
        throw new UserFacingException(
            "node name '"
                + name
                + "' cannot be used in a tensor file name; rename the node "
                + "(no '/', '\\', ':' or control characters)");
      }
    }
  }

  /** Refuses to replace anything that does not look like a saved network. */
  private static void refuseForeignDirectory(Path target) {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new UserFacingException("cannot save a network to " + target + ": it is a file");
    }
    if (Files.exists(target.resolve(JSON))) {
      return;
    }
    try (Stream<Path> entries = Files.list(target)) {
      if (entries.findAny().isPresent()) {
        throw new UserFacingException(
            "refusing to save a network to "
                + target
                + ": the directory is not empty and holds no "
                + JSON
                + ", so it is not a saved network; choose another directory");
      }
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot list " + target + ": " + org.bsnn.api.util.IoErrors.describe(e), e);
    }
  }

  /** Renames {@code tmp} to {@code target}, moving an existing {@code target} aside first. */
  private static void replace(Path tmp, Path target) throws IOException {
    if (!Files.exists(target)) {
      move(tmp, target);
      return;
    }
    Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
    move(target, old);
    try {
      move(tmp, target);
    } catch (IOException e) {
      move(old, target); // put the previous network back
      throw e;
    }
    deleteQuietly(old);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // best effort: the name starts with '.', so a leftover never looks like a network
                }
              });
    } catch (IOException ignored) {
      // best effort, as above
    }
  }

  // ---------------------------------------------------------------- reading

  /** What a node needs while it is read: where it is, for error messages. */
  private record Ctx(Path dir, Path json, String node, String type, JsonNode tensors) {
    UserFacingException error(String why) {
      return new UserFacingException(json + ", node '" + node + "' (" + type + "): " + why);
    }
  }

  private static Node readNode(Path dir, Path json, JsonNode n) {
    if (!n.isObject()) {
      throw new UserFacingException(json + ": every entry of 'nodes' must be an object, got " + n);
    }
    String name = text(json, n, "name", "a node");
    String type = text(json, n, "type", "node '" + name + "'");
    JsonNode tensors = n.path("tensors");
    Ctx ctx = new Ctx(dir, json, name, type, tensors);
    JsonNode inputsNode = n.get("inputs");
    if (inputsNode == null || !inputsNode.isArray()) {
      throw ctx.error("'inputs' must be an array of node names");
    }
    List<String> inputs = new ArrayList<>();
    for (JsonNode in : inputsNode) {
      if (!in.isTextual()) {
        throw ctx.error("'inputs' must be an array of node names, got " + inputsNode);
      }
      inputs.add(in.textValue());
    }
    JsonNode attrs = n.path("attributes");
    Layer layer;
    try {
      layer = readLayer(ctx, attrs, n.path("weights"));
    } catch (IllegalArgumentException e) {
      throw ctx.error(e.getMessage());
    }
    try {
      return new Node(name, layer, inputs);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(json + ": " + e.getMessage(), e);
    }
  }

  private static Layer readLayer(Ctx ctx, JsonNode attrs, JsonNode weightsKind) {
    switch (ctx.type()) {
      case "conv2d":
        {
          int kernel = intAttr(ctx, attrs, "kernel");
          Weights w = readWeights(ctx, weightsKind, 4);
          long[] s = w.shape();
          if (s[2] != kernel || s[3] != kernel) {
            throw ctx.error(
                "weights have shape "
                    + Arrays.toString(s)
                    + " but the kernel is "
                    + kernel
                    + "; expected [out, in, "
                    + kernel
                    + ", "
                    + kernel
                    + "]");
          }
          INDArray bias = optionalVector(ctx, "bias", s[0]);
          return new Layer.Conv2d(
              kernel, intAttr(ctx, attrs, "stride"), intAttr(ctx, attrs, "padding"), w, bias);
        }
      case "dense":
        {
          Weights w = readWeights(ctx, weightsKind, 2);
          return new Layer.Dense(w, optionalVector(ctx, "bias", w.shape()[0]));
        }
      case "avgpool2d":
        return new Layer.AvgPool2d(intAttr(ctx, attrs, "kernel"), intAttr(ctx, attrs, "stride"));
      case "maxpool2d":
        return new Layer.MaxPool2d(intAttr(ctx, attrs, "kernel"), intAttr(ctx, attrs, "stride"));
      case "batchnorm":
        {
          INDArray gamma = tensor(ctx, "gamma");
          requireVector(ctx, "gamma", gamma, -1);
          long c = gamma.length();
          INDArray beta = tensor(ctx, "beta");
          requireVector(ctx, "beta", beta, c);
          INDArray mean = tensor(ctx, "mean");
          requireVector(ctx, "mean", mean, c);
          INDArray variance = tensor(ctx, "variance");
          requireVector(ctx, "variance", variance, c);
          return new Layer.BatchNorm(
              gamma, beta, mean, variance, doubleAttr(ctx, attrs, "epsilon"));
        }
      case "relu":
        return new Layer.Relu();
      case "dropout":
        return new Layer.Dropout(doubleAttr(ctx, attrs, "rate"));
      case "qcfs":
        return new Layer.Qcfs(doubleAttr(ctx, attrs, "lambda"), intAttr(ctx, attrs, "levels"));
      case "flatten":
        return new Layer.Flatten();
      case "add":
        return new Layer.Add();
      case "sign":
        return new Layer.Sign();
      default:
        throw ctx.error(
            "unknown layer type '"
                + ctx.type()
                + "' (known: conv2d, dense, avgpool2d, maxpool2d, batchnorm, relu, qcfs, dropout, flatten, add, sign)");
    }
  }

  private static Weights readWeights(Ctx ctx, JsonNode kind, int rank) {
    String k = kind.isTextual() ? kind.textValue() : String.valueOf(kind);
    if (FULL_PRECISION.equals(k)) {
      INDArray w = tensor(ctx, "weight");
      requireRank(ctx, "weight", w, rank);
      return new Weights.FullPrecision(w);
    }
    if (BINARY.equals(k)) {
      INDArray signs = tensor(ctx, "signs");
      requireRank(ctx, "signs", signs, rank);
      INDArray alpha = tensor(ctx, "alpha");
      requireVector(ctx, "alpha", alpha, signs.size(0));
      Weights.Binary b = new Weights.Binary(signs, alpha);
      try {
        b.validateValues();
      } catch (IllegalArgumentException e) {
        throw ctx.error(
            fileOf(ctx, "signs") + " / " + fileOf(ctx, "alpha") + ": " + e.getMessage());
      }
      return b;
    }
    throw ctx.error(
        "'weights' must be \"" + FULL_PRECISION + "\" or \"" + BINARY + "\", got " + kind);
  }

  private static void requireRank(Ctx ctx, String param, INDArray a, int rank) {
    if (a.rank() != rank) {
      throw ctx.error(
          fileOf(ctx, param)
              + " has shape "
              + Arrays.toString(a.shape())
              + "; expected rank "
              + rank
              + (rank == 4 ? " [out, in, k, k]" : " [out, in]"));
    }
  }

  /** Checks a rank-1 tensor; {@code length < 0} accepts any length. */
  private static void requireVector(Ctx ctx, String param, INDArray a, long length) {
    if (a.rank() != 1 || (length >= 0 && a.length() != length)) {
      throw ctx.error(
          fileOf(ctx, param)
              + " has shape "
              + Arrays.toString(a.shape())
              + "; expected ["
              + (length >= 0 ? length : "channels")
              + "]");
    }
  }

  private static INDArray optionalVector(Ctx ctx, String param, long length) {
    if (!ctx.tensors().has(param)) {
      return null;
    }
    INDArray a = tensor(ctx, param);
    requireVector(ctx, param, a, length);
    return a;
  }

  private static INDArray tensor(Ctx ctx, String param) {
    Path file = fileOf(ctx, param);
    try {
      return Npy.read(file);
    } catch (UserFacingException e) {
      throw ctx.error(e.getMessage());
    }
  }

  /** The file listed for {@code param}, which must be a plain name inside {@code tensors/}. */
  private static Path fileOf(Ctx ctx, String param) {
    JsonNode f = ctx.tensors().get(param);
    if (f == null || !f.isTextual()) {
      throw ctx.error("'tensors' lists no file for '" + param + "'");
    }
    String name = f.textValue();
    Path tensors = ctx.dir().resolve(TENSORS);
    Path file = tensors.resolve(name).normalize();
    // A plain name only: a path in network.json must not reach outside the network directory.
    if (name.isEmpty()
        || !file.getParent().equals(tensors.normalize())
        || name.contains("/")
        || name.contains("\\")) {
      throw ctx.error(
          "tensor file name '"
              + name
              + "' for '"
              + param
              + "' must be a plain file name in "
              + TENSORS
              + "/");
    }
    return file;
  }

  private static int intAttr(Ctx ctx, JsonNode attrs, String key) {
    JsonNode v = attrs.get(key);
    if (v == null || !v.isInt()) {
      throw ctx.error("attribute '" + key + "' must be an integer, got " + v);
    }
    return v.intValue();
  }

  private static double doubleAttr(Ctx ctx, JsonNode attrs, String key) {
    JsonNode v = attrs.get(key);
    if (v == null || !v.isNumber()) {
      throw ctx.error("attribute '" + key + "' must be a number, got " + v);
    }
    return v.doubleValue();
  }

  private static String text(Path json, JsonNode obj, String key, String what) {
    JsonNode v = obj.get(key);
    if (v == null || !v.isTextual()) {
      throw new UserFacingException(json + ": " + what + " needs a string '" + key + "', got " + v);
    }
    return v.textValue();
  }
}
