package org.bsnn.datasets.cifar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bsnn.api.data.DataStatus;
import org.bsnn.api.data.DataStatus.ChecksumState;
import org.bsnn.api.data.DataStatus.FileStatus;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.run.RunLog;
import org.bsnn.api.stage.DatasetSource;
import org.bsnn.datasets.CacheLocation;
import org.bsnn.datasets.DataFiles;
import org.bsnn.datasets.LoadedDataset;
import org.bsnn.datasets.Normalization;
import org.bsnn.datasets.PadCropFlip;
import org.bsnn.datasets.Sha256;
import org.bsnn.datasets.fetch.TarGz;

/**
 * The CIFAR binary format, shared by {@code cifar10} and {@code cifar100}. Users point {@code root}
 * at the extracted folder (or its parent, or a folder holding the official {@code .tar.gz}, which
 * is then extracted in place). Files are memory-mapped, never copied onto the heap; lengths, record
 * counts and label ranges are checked on open; SHA-256 checksums are computed and recorded (no
 * official SHA-256 exists, so none is verified).
 */
public abstract class CifarSource implements DatasetSource {

  private final CifarFormat format;
  private final String root;

  CifarSource(CifarFormat format, String root) {
    this.format = format;
    this.root = root;
  }

  /** Label byte used as the class. */
  abstract int labelIndex();

  /** Class names in label order. */
  abstract List<String> classNames(Path dir);

  /** Standard normalization statistics. */
  abstract Normalization standardNormalization();

  /** The common options. */
  abstract CifarOptions options();

  /** The name recorded in results (cifar100 adds the label kind). */
  String datasetName() {
    return format.id();
  }

  /** The folder given by {@code root} (default {@code <cache>/<id>}). */
  public Path rootDir() {
    return root.isBlank() ? CacheLocation.of("", format.id()) : CacheLocation.resolve(root);
  }

  /** The folder holding the .bin files: {@code root/<official folder>} if present, else root. */
  public Path dataDir() {
    Path r = rootDir();
    Path inner = r.resolve(format.folder());
    if (Files.isDirectory(inner) || !Files.isRegularFile(r.resolve(format.testFile()))) {
      return inner;
    }
    return r;
  }

  String howToGet() {
    return "download "
        + format.url()
        + " (the binary version) and either put the archive in "
        + rootDir()
        + " (it is extracted on first use or by `./bsnn data fetch "
        + format.id()
        + "`) or extract it there so that "
        + rootDir().resolve(format.folder())
        + " holds "
        + String.join(", ", format.allFiles())
        + "; or set the config key root to where your copy is";
  }

  @Override
  public DataStatus status() {
    Path dir = dataDir();
    List<FileStatus> files = new ArrayList<>();
    for (String name : format.allFiles()) {
      Path p = dir.resolve(name);
      files.add(
          Files.isRegularFile(p)
              ? new FileStatus(p.toString(), Sha256.ofFile(p), ChecksumState.NOT_RECORDED)
              : new FileStatus(p.toString(), "", ChecksumState.MISSING));
    }
    return new DataStatus(format.id(), files, howToGet());
  }

  @Override
  public void fetch(RunContext context, boolean allowUnverified) {
    RunLog log = DataFiles.log(context);
    if (missing().isEmpty()) {
      log.info(format.id() + ": present in " + dataDir());
      return;
    }
    Path archive = rootDir().resolve(format.archive());
    if (!Files.isRegularFile(archive)) {
      throw new DataUnavailableException(notFound());
    }
    log.info(format.id() + ": extracting " + archive);
    String prefix = format.folder() + "/";
    Path target = rootDir().resolve(format.folder());
    TarGz.forEach(
        archive,
        n -> n.startsWith(prefix) || n.startsWith("./" + prefix),
        (entry, body) -> {
          String name = entry.substring(entry.indexOf(prefix) + prefix.length());
          if (!name.isEmpty() && !name.contains("/") && !name.startsWith(".")) {
            org.bsnn.api.util.AtomicFiles.write(target.resolve(name), out -> out.write(body));
          }
        });
    if (!missing().isEmpty()) {
      throw new DataUnavailableException(
          format.id()
              + ": "
              + archive
              + " did not contain "
              + String.join(", ", missing())
              + ". "
              + howToGet());
    }
  }

  private List<String> missing() {
    List<String> m = new ArrayList<>();
    for (String name : format.allFiles()) {
      if (!Files.isRegularFile(dataDir().resolve(name))) {
        m.add(name);
      }
    }
    return m;
  }

  private String notFound() {
    StringBuilder sb = new StringBuilder(format.id() + ": data not found. Looked for:");
    for (String name : missing()) {
      sb.append("\n  ").append(dataDir().resolve(name));
    }
    sb.append("\n  (or the archive ").append(rootDir().resolve(format.archive())).append(")");
    sb.append("\nTo get it: ").append(howToGet());
    return sb.toString();
  }

  @Override
  public Dataset open(RunContext context) {
    if (!missing().isEmpty()) {
      fetch(context, false); // extracts the official archive if it is there, else explains
    }
    Path dir = dataDir();
    CifarOptions o = options();
    List<String> names = classNames(dir);
    int classes = names.size();
    List<Path> trainFiles = new ArrayList<>();
    int[] trainCounts = new int[format.trainFiles().size()];
    for (int i = 0; i < trainCounts.length; i++) {
      trainFiles.add(dir.resolve(format.trainFiles().get(i)));
      trainCounts[i] = format.trainRecords();
    }
    CifarRecords train =
        new CifarRecords(
            trainFiles,
            format.labelBytes(),
            labelIndex(),
            classes,
            o.checkCounts() ? trainCounts : null);
    CifarRecords test =
        new CifarRecords(
            List.of(dir.resolve(format.testFile())),
            format.labelBytes(),
            labelIndex(),
            classes,
            o.checkCounts() ? new int[] {format.testRecords()} : null);
    Normalization norm =
        Normalization.configured(
            o.mean(), o.std(), 3, standardNormalization(), format.id() + " config mean/std");
    train.normalize(norm).augment(o.augmentation());
    test.normalize(norm);

    Map<String, String> checksums = new TreeMap<>();
    for (String name : format.allFiles()) {
      checksums.put(name, Sha256.ofFile(dir.resolve(name)));
    }
    Map<String, Object> pre = norm.describeFileOrder(o.augmentation());
    DatasetInfo info = new DatasetInfo(datasetName(), 3, 32, 32, names, checksums, pre);
    LoadedDataset d =
        LoadedDataset.of(info, train, test, o.validation(), o.trainLimit(), o.testLimit());
    if (context != null) {
      context.provenance("checksums", checksums);
      context.provenance("dataDir", dir.toString());
      context.provenance("preprocessing", pre);
      context.provenance("splits", d.splitSizes());
    }
    return d;
  }

  /** Class names from a text file of the release (one per line), else the built-in list. */
  static List<String> namesFrom(Path file, List<String> builtIn) {
    if (Files.isRegularFile(file)) {
      try {
        List<String> l =
            Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (l.size() == builtIn.size()) {
          return l;
        }
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        // fall back to the built-in names
      }
    }
    return builtIn;
  }

  /**
   * The options both CIFAR configs share.
   *
   * @param mean configured mean, empty = standard
   * @param std configured std, empty = standard
   */
  record CifarOptions(
      int validation,
      int trainLimit,
      int testLimit,
      PadCropFlip augmentation,
      List<Double> mean,
      List<Double> std,
      boolean checkCounts) {}

  static void check(
      int validation,
      int trainLimit,
      int testLimit,
      int cropPadding,
      List<Double> mean,
      List<Double> std) {
    if (validation < 0 || trainLimit < 0 || testLimit < 0 || cropPadding < 0) {
      throw new IllegalArgumentException(
          "validation, trainLimit, testLimit and cropPadding must be >= 0, got "
              + validation
              + ", "
              + trainLimit
              + ", "
              + testLimit
              + ", "
              + cropPadding);
    }
    if (mean.isEmpty() != std.isEmpty()
        || (mean.size() != 0 && mean.size() != 1 && mean.size() != 3)
        || mean.size() != std.size()) {
      throw new IllegalArgumentException(
          "give mean and std together, 1 or 3 values each (empty = the standard statistics); got "
              + mean
              + ", "
              + std);
    }
    for (double s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("std values must be positive, got " + std);
      }
    }
    // a NaN or infinite mean or std would turn every normalized pixel into NaN
    if (!java.util.stream.Stream.concat(mean.stream(), std.stream()).allMatch(Double::isFinite)) {
      throw new IllegalArgumentException(
          "mean and std must be finite numbers, got mean " + mean + ", std " + std);
    }
  }
}
