package org.bsnn.plugins.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkChecks;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.NetworkIO;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Npy;
import org.bsnn.api.network.Weights;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Binarizer;
import org.bsnn.api.stage.Trainer;
import org.bsnn.api.util.AtomicFiles;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains an IR network by backpropagation on ND4J (the {@code sgd} and {@code adam} trainers): the
 * IR is translated into a SameDiff graph ({@link SameDiffNetwork}), which computes the softmax
 * cross-entropy loss and its gradients, and {@link GradientOptimizer} applies PyTorch's update
 * rules with the plan's learning-rate and weight-decay schedules. Dropout comes from the IR,
 * augmentation and shuffling from the dataset ({@code trainingBatches} seeded per epoch with {@code
 * context.random("epoch-" + e)}), dropout masks from a per-epoch seed: on one machine the same
 * config and seed give the same network, also after a resume.
 *
 * <p>Fine-tuning ({@code init}): training starts from a saved network's weights, biases and batch
 * norm statistics ({@link InitialWeights}) instead of the model's initialisation; the optimizer
 * state and the schedules start afresh. Its file digests join the cache key and the provenance.
 *
 * <p>With a binarizer, the layers it selects are trained as binary weights with a straight-through
 * gradient ({@link StraightThrough}) and exported as {@link Weights.Binary}.
 *
 * <p>Files: a checkpoint after every epoch in {@code workDir()/checkpoints} (resumed when present
 * and made by the same configuration); the trained network in {@code cacheDir()/networks/<key>}
 * (NetworkIO) with its training record in {@code <key>.json}, reused by any later run with the same
 * key. The key is {@code upstreamHash()} (seed, data checksums, dataset, model and trainer configs)
 * plus, for binary training, a fingerprint of the binarizer (its class, the layers it selects and
 * its output on a fixed probe tensor), because the runner's upstream hash of the train stage does
 * not cover the binarize stage, which comes after it in the template.
 *
 * <p>Results: scalars {@code train-loss[epoch N]}, {@code train-accuracy[epoch N]} and, with a
 * validation split, {@code validation-accuracy[epoch N]} (per-epoch values as scalars with the
 * epoch in the name, since a series' index means timestep). Throughput goes to the log and
 * provenance only, so results stay byte-identical between runs.
 */
final class GradientTrainer implements Trainer {

  private static final int EVAL_BATCH = 256;

  private final String id;
  private final TrainingPlan plan;
  private final String init;

  GradientTrainer(String id, TrainingPlan plan) {
    this(id, plan, "");
  }

  /**
   * @param init path of a saved network to fine-tune from ({@link InitialWeights}); "" to train
   *     from the model's initialisation
   */
  GradientTrainer(String id, TrainingPlan plan, String init) {
    this.id = id;
    this.plan = plan;
    this.init = init;
  }

  @Override
  public Network train(
      Optional<Network> initial, Dataset data, Optional<Binarizer> binarizer, RunContext context) {
    Network network =
        initial.orElseThrow(
            () ->
                new UserFacingException(
                    "the "
                        + id
                        + " trainer needs a model; add e.g. 'model: vgg-small' under defaults"));
    checkFits(network, data.info());
    Optional<SavedNetwork> start =
        init.isBlank() ? Optional.empty() : Optional.of(InitialWeights.load(init, network));
    // the upstream hash covers the init path, not the file contents: the digest makes new weights a
    // new key
    String key =
        cacheKey(context, network, binarizer)
            + start.map(s -> "-init" + s.shortDigest()).orElse("");
    start.ifPresent(s -> s.record(context, "init"));
    context.provenance("cacheKey", key);
    Path networks = context.cacheDir().resolve("networks");
    Path cachedNet = networks.resolve(key);
    Path cachedRecord = networks.resolve(key + ".json");
    if (Files.isRegularFile(cachedRecord)
        && Files.isRegularFile(cachedNet.resolve("network.json"))) {
      TrainingRecord record =
          TrainingRecord.fromJson(AtomicFiles.readString(cachedRecord), cachedRecord.toString());
      if (record.epochsDone() == plan.epochs()) {
        context
            .log()
            .info(
                id
                    + ": reusing the trained network cached in "
                    + cachedNet
                    + " (same seed, data, model, trainer"
                    + (binarizer.isPresent() ? ", binarizer" : "")
                    + "); delete it to retrain");
        context.provenance("cache", "hit");
        emit(record, context);
        return NetworkIO.load(cachedNet);
      }
    }
    context.provenance("cache", "miss");
    Network trained =
        trainFresh(network, start.map(SavedNetwork::network), data, binarizer, key, context);
    return trained;
  }

  /** Rejects a network whose input shape or class count differs from the dataset's. */
  static void checkFits(Network network, DatasetInfo info) {
    long[] expected = info.imageShape();
    if (!Arrays.equals(network.inputShape(), expected)) {
      throw new UserFacingException(
          "model '"
              + network.name()
              + "' takes input "
              + shape(network.inputShape())
              + " but dataset '"
              + info.name()
              + "' has images "
              + shape(expected)
              + "; choose a model that fits");
    }
    long[] scores = NetworkForward.shapes(network).get(network.output());
    if (scores[0] != info.classes()) {
      throw new UserFacingException(
          "model '"
              + network.name()
              + "' has "
              + scores[0]
              + " outputs but dataset '"
              + info.name()
              + "' has "
              + info.classes()
              + " classes; choose a model that fits");
    }
  }

  private static String shape(long[] s) {
    return s[0] + "x" + s[1] + "x" + s[2];
  }

  private Network trainFresh(
      Network network,
      Optional<Network> startWeights,
      Dataset data,
      Optional<Binarizer> binarizer,
      String key,
      RunContext context) {
    DataSplit train = plan.trainLimit() > 0 ? data.train().head(plan.trainLimit()) : data.train();
    int classes = data.info().classes();
    Path checkpoints = context.workDir().resolve("checkpoints");
    SameDiffNetwork dl = SameDiffNetwork.of(network);
    GradientOptimizer optimizer = GradientOptimizer.of(plan);
    List<TrainingRecord.EpochResult> history = new ArrayList<>();
    int start = 0;
    Optional<Resumed> resumed = loadCheckpoint(checkpoints, key, context);
    if (resumed.isPresent()) {
      dl.load(resumed.get().network());
      optimizer.restore(resumed.get().optimizerState(), resumed.get().record().steps());
      history.addAll(resumed.get().record().history());
      start = resumed.get().record().epochsDone();
      context
          .log()
          .info(id + ": resuming from the checkpoint after epoch " + start + " in " + checkpoints);
      context.provenance("resumedAfterEpoch", start);
    } else if (startWeights.isPresent()) {
      dl.load(startWeights.get());
      context.log().info(id + ": fine-tuning from the weights in " + init);
    }
    Optional<StraightThrough> ste =
        binarizer.map(b -> new StraightThrough(dl, b, plan.ste(), plan.clipWeights()));
    ste.ifPresent(s -> context.provenance("binarizedLayers", s.selected()));
    context.provenance("trainingImages", train.size());

    long size = train.size();
    double seconds = 0;
    long images = 0;
    try (Progress progress =
        context.progress("training (" + plan.epochs() + " epochs)", plan.epochs() * size)) {
      progress.advance(start * size);
      for (int epoch = start; epoch < plan.epochs(); epoch++) {
        double lr = plan.learningRate(epoch);
        double wd = plan.weightDecay(epoch);
        Nd4j.getRandom().setSeed(context.random("dropout-" + (epoch + 1)).nextLong());
        long begin = System.nanoTime();
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        int batchIndex = 0;
        long dataNanos = 0;
        long passNanos = 0;
        long updateNanos = 0;
        Iterator<Batch> batches =
            train.trainingBatches(plan.batchSize(), context.random("epoch-" + (epoch + 1)));
        while (batches.hasNext()) {
          batchIndex++;
          long t0 = System.nanoTime();
          try (Batch batch = batches.next();
              INDArray labels = oneHot(batch.labels(), classes)) {
            long t1 = System.nanoTime();
            dataNanos += t1 - t0;
            ste.ifPresent(StraightThrough::binarize);
            SameDiffNetwork.Step step = dl.step(batch.features(), labels);
            long t2 = System.nanoTime();
            passNanos += t2 - t1;
            ste.ifPresent(s -> s.restore(step.gradients()));
            double loss = step.loss();
            if (!Double.isFinite(loss)) {
              throw diverged(loss, epoch, batchIndex, lr, checkpoints, start, history);
            }
            optimizer.step(dl.params(), step.gradients(), lr, wd);
            ste.ifPresent(StraightThrough::afterStep);
            lossSum += loss * batch.size();
            correct += correct(step.logits(), batch.labels());
            step.logits().close();
            step.gradients().values().forEach(INDArray::close);
            updateNanos += System.nanoTime() - t2;
            seen += batch.size();
            progress.advance(batch.size());
            progress.status(
                String.format(
                    Locale.ROOT,
                    "epoch %d/%d loss %.4f acc %.4f lr %.3g",
                    epoch + 1,
                    plan.epochs(),
                    lossSum / seen,
                    (double) correct / seen,
                    lr));
          }
        }
        double epochSeconds = (System.nanoTime() - begin) / 1e9;
        seconds += epochSeconds;
        images += seen;
        double validation =
            data.validation().map(v -> accuracy(dl.export(Optional.empty()), v)).orElse(-1.0);
        history.add(
            new TrainingRecord.EpochResult(
                epoch + 1,
                lossSum / Math.max(1, seen),
                (double) correct / Math.max(1, seen),
                validation,
                seen,
                epochSeconds));
        int remaining = plan.epochs() - epoch - 1;
        context
            .log()
            .info(
                String.format(
                    Locale.ROOT,
                    "%s epoch %d time: data %.1f s, forward+backward %.1f s, " + "update %.1f s",
                    id,
                    epoch + 1,
                    dataNanos / 1e9,
                    passNanos / 1e9,
                    updateNanos / 1e9));
        context
            .log()
            .info(
                String.format(
                    Locale.ROOT,
                    "%s epoch %d/%d: loss %.4f, train accuracy %.4f%s, lr %.3g, %.0f images/s, %.0f s, ETA %.0f s",
                    id,
                    epoch + 1,
                    plan.epochs(),
                    lossSum / seen,
                    (double) correct / seen,
                    validation >= 0
                        ? String.format(Locale.ROOT, ", validation accuracy %.4f", validation)
                        : "",
                    lr,
                    seen / epochSeconds,
                    epochSeconds,
                    remaining * seconds / (epoch + 1 - start)));
        saveCheckpoint(
            checkpoints,
            new TrainingRecord(key, epoch + 1, optimizer.steps(), history),
            dl.export(Optional.empty()),
            optimizer);
      }
    }
    if (images > 0) {
      context.provenance("imagesPerSecond", Math.round(images / seconds));
      context.provenance("trainingSeconds", Math.round(seconds));
    }
    Network trained = dl.export(binarizer);
    // Checked before caching: a cached diverged network would be reused by every later run.
    NetworkChecks.requireFinite(
        trained,
        "the network trained by " + id,
        "training diverged: lower train.learningRate (or check the data's normalization) and run"
            + " again; the network was not cached");
    TrainingRecord record = new TrainingRecord(key, plan.epochs(), optimizer.steps(), history);
    cache(trained, record, context.cacheDir().resolve("networks"), key, context);
    emit(record, context);
    return trained;
  }

  /**
   * Saves the trained network in the cache. The cache only saves time, so a cache that cannot be
   * written (read-only, full disk) costs a warning, not the job.
   */
  private void cache(
      Network trained, TrainingRecord record, Path networks, String key, RunContext context) {
    try {
      NetworkIO.save(trained, networks.resolve(key));
      AtomicFiles.writeString(networks.resolve(key + ".json"), record.toJson());
    } catch (UserFacingException | java.io.UncheckedIOException e) {
      context
          .log()
          .warn(
              id
                  + ": cannot cache the trained network in "
                  + networks
                  + " ("
                  + (e.getCause() instanceof java.io.IOException io
                      ? org.bsnn.api.util.IoErrors.describe(io)
                      : e.getMessage())
                  + "); continuing, the next run trains it again");
      context.provenance("cache", "miss, not written");
    }
  }

  private UserFacingException diverged(
      double loss,
      int epoch,
      int batch,
      double lr,
      Path checkpoints,
      int start,
      List<TrainingRecord.EpochResult> history) {
    int lastGood = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
    String kept =
        lastGood > 0
            ? "the last good checkpoint (after epoch " + lastGood + ") is kept in " + checkpoints
            : "no checkpoint was written yet";
    return new UserFacingException(
        String.format(
            Locale.ROOT,
            "%s training diverged: the loss is %s at epoch %d, batch %d (learning rate %s); %s. Lower "
                + "train.learningRate (or check the data's normalization) and run again.",
            id,
            Double.isNaN(loss) ? "NaN" : "infinite",
            epoch + 1,
            batch,
            plain(lr),
            kept));
  }

  /** A number with at most 4 significant digits and no exponent noise, e.g. 0.005. */
  static String plain(double value) {
    return new java.math.BigDecimal(value)
        .round(new java.math.MathContext(4))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static void emit(TrainingRecord record, RunContext context) {
    for (TrainingRecord.EpochResult e : record.history()) {
      context.emit(new Measurement.Scalar("train-loss[epoch " + e.epoch() + "]", e.loss(), ""));
      context.emit(
          new Measurement.Scalar(
              "train-accuracy[epoch " + e.epoch() + "]", e.accuracy(), "fraction"));
      if (e.validationAccuracy() >= 0) {
        context.emit(
            new Measurement.Scalar(
                "validation-accuracy[epoch " + e.epoch() + "]",
                e.validationAccuracy(),
                "fraction"));
      }
    }
  }

  /** Accuracy of the IR network on a split (inference: dropout off). */
  private static double accuracy(Network net, DataSplit split) {
    long correct = 0;
    long seen = 0;
    Iterator<Batch> batches = split.batches(EVAL_BATCH);
    while (batches.hasNext()) {
      try (Batch batch = batches.next();
          INDArray out = NetworkForward.run(net, batch.features())) {
        correct += correct(out, batch.labels());
        seen += batch.size();
      }
    }
    return seen == 0 ? 0 : (double) correct / seen;
  }

  /** How many rows of {@code scores} have their maximum (first among ties) at the label. */
  static long correct(INDArray scores, int[] labels) {
    float[][] rows = scores.toFloatMatrix();
    long correct = 0;
    for (int i = 0; i < rows.length; i++) {
      int best = 0;
      for (int k = 1; k < rows[i].length; k++) {
        if (rows[i][k] > rows[i][best]) {
          best = k;
        }
      }
      correct += best == labels[i] ? 1 : 0;
    }
    return correct;
  }

  static INDArray oneHot(int[] labels, int classes) {
    INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, classes);
    for (int i = 0; i < labels.length; i++) {
      y.putScalar(i, labels[i], 1.0);
    }
    return y;
  }

  /** The cache key: the upstream hash, plus a binarizer fingerprint for binary training. */
  static String cacheKey(RunContext context, Network network, Optional<Binarizer> binarizer) {
    String upstream = context.upstreamHash();
    if (upstream == null || upstream.isBlank()) {
      upstream = "standalone-seed" + context.seed();
    }
    if (binarizer.isEmpty()) {
      return upstream;
    }
    Binarizer b = binarizer.get();
    StringBuilder fingerprint = new StringBuilder(b.getClass().getName());
    for (Node node : network.weightedNodes()) {
      if (b.selects(node, network)) {
        fingerprint.append('|').append(node.name());
      }
    }
    try (INDArray probe =
        Nd4j.linspace(-1.5, 1.5, 2 * 3 * 2 * 2, DataType.FLOAT).reshape(2, 3, 2, 2)) {
      Weights.Binary out = b.binarize(probe);
      fingerprint
          .append('|')
          .append(Arrays.toString(out.signs().dup('c').data().asFloat()))
          .append('|')
          .append(Arrays.toString(out.alpha().dup('c').data().asFloat()));
    }
    return upstream + "-bin" + sha256(fingerprint.toString()).substring(0, 12);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- checkpoints ----

  private record Resumed(
      TrainingRecord record, Network network, Map<String, INDArray> optimizerState) {}

  private static final String POINTER = "checkpoint.json";

  private Optional<Resumed> loadCheckpoint(Path dir, String key, RunContext context) {
    Path pointer = dir.resolve(POINTER);
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    TrainingRecord record =
        TrainingRecord.fromJson(AtomicFiles.readString(pointer), pointer.toString());
    if (!key.equals(record.key())) {
      context
          .log()
          .warn(id + ": ignoring the checkpoint in " + dir + ", made by another configuration");
      return Optional.empty();
    }
    Path epochDir = dir.resolve("epoch-" + record.epochsDone());
    Network net = NetworkIO.load(epochDir.resolve("network"));
    Map<String, INDArray> state = new java.util.HashMap<>();
    try (Stream<Path> files = Files.list(epochDir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().startsWith("optimizer-")).toList()) {
        String name = f.getFileName().toString();
        state.put(
            stateName(name.substring("optimizer-".length(), name.length() - ".npy".length())),
            Npy.read(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + epochDir, e);
    }
    return Optional.of(new Resumed(record, net, state));
  }

  /**
   * Writes {@code epoch-N/} (network and optimizer state), then points {@code checkpoint.json} at
   * it atomically, then removes older epochs: a kill at any moment leaves a complete checkpoint.
   */
  private static void saveCheckpoint(
      Path dir, TrainingRecord record, Network real, GradientOptimizer optimizer) {
    Path epochDir = dir.resolve("epoch-" + record.epochsDone());
    try {
      deleteTree(epochDir);
      Files.createDirectories(epochDir);
      NetworkIO.save(real, epochDir.resolve("network"));
      for (Map.Entry<String, INDArray> e : optimizer.state().entrySet()) {
        Npy.write(epochDir.resolve("optimizer-" + fileName(e.getKey()) + ".npy"), e.getValue());
      }
      AtomicFiles.writeString(dir.resolve(POINTER), record.toJson());
      try (Stream<Path> old = Files.list(dir)) {
        for (Path p :
            old.filter(p -> p.getFileName().toString().startsWith("epoch-") && !p.equals(epochDir))
                .toList()) {
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + epochDir, e);
    }
  }

  /** Optimizer state names ("m:conv1/weight") as file names ("m~conv1~weight"), and back. */
  static String fileName(String stateName) {
    return stateName.replace(":", "~").replace("/", "~~");
  }

  static String stateName(String fileName) {
    int colon = fileName.indexOf('~');
    return fileName.substring(0, colon) + ":" + fileName.substring(colon + 1).replace("~~", "/");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
