package org.bsnn.datasets.idx;

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
import org.bsnn.datasets.ByteImages;
import org.bsnn.datasets.CacheLocation;
import org.bsnn.datasets.DataFiles;
import org.bsnn.datasets.KnownChecksums;
import org.bsnn.datasets.LoadedDataset;
import org.bsnn.datasets.Normalization;

/**
 * A dataset of four IDX files in the cache folder {@code <cache>/<id>/} with recorded checksums
 * (the MNIST file names: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code
 * t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or with {@code .gz}), fetched
 * by the subclass. Shared by {@code fashion-mnist} and {@code mnist}.
 *
 * <p>The whole of both files is read into memory as bytes (60,000 × 784 bytes = 47 MB for
 * Fashion-MNIST); batches are built from it on demand.
 */
public abstract class CachedIdxSource implements DatasetSource {

  /** Logical file names in the order train images, train labels, test images, test labels. */
  public static final List<String> FILES =
      List.of(
          "train-images-idx3-ubyte",
          "train-labels-idx1-ubyte",
          "t10k-images-idx3-ubyte",
          "t10k-labels-idx1-ubyte");

  private final String id;
  private final IdxOptions options;

  CachedIdxSource(String id, IdxOptions options) {
    this.id = id;
    this.options = options;
  }

  /**
   * Makes files present in {@link #dir()}; verification is done by the caller.
   *
   * @param needed the logical names (of {@link #FILES}) that are missing or do not match
   */
  protected abstract void download(
      RunLog log, boolean allowUnverified, java.util.Set<String> needed);

  /** Whether missing files are expected with {@code .gz} (for the paths shown in the status). */
  protected abstract boolean gzipNames();

  /** The class names, in label order. */
  protected abstract List<String> classNames();

  /** Normalization statistics of the training split. */
  protected abstract Normalization normalization();

  /** Source files the data was made from (e.g. an npm tarball), name to SHA-256, for provenance. */
  protected Map<String, String> sourceChecksums() {
    return Map.of();
  }

  /** The dataset id. */
  public final String id() {
    return id;
  }

  /** The folder holding the files: {@code <cache>/<id>}. */
  public final Path dir() {
    return CacheLocation.of(options.cacheDir(), id);
  }

  /** Where a logical file is (or would be): the .gz if present, else the raw file if present. */
  public final Path locate(String logical) {
    Path gz = dir().resolve(logical + ".gz");
    Path raw = dir().resolve(logical);
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    if (Files.isRegularFile(raw)) {
      return raw;
    }
    return gzipNames() ? gz : raw;
  }

  @Override
  public DataStatus status() {
    List<FileStatus> files = new ArrayList<>();
    for (String logical : FILES) {
      files.add(KnownChecksums.check(id, logical, locate(logical)));
    }
    return new DataStatus(id, files, howToGet());
  }

  /** The exact command or download that makes the files present. */
  public abstract String howToGet();

  @Override
  public void fetch(RunContext context, boolean allowUnverified) {
    RunLog log = DataFiles.log(context);
    DataStatus before = status();
    if (before.ready()) {
      log.info(id + ": present and verified in " + dir());
      return;
    }
    boolean anyMissing = before.files().stream().anyMatch(f -> f.state() == ChecksumState.MISSING);
    if (!anyMissing && allowUnverified) {
      requireVerified(before, true, log);
      return;
    }
    java.util.Set<String> needed = new java.util.LinkedHashSet<>();
    for (int i = 0; i < FILES.size(); i++) {
      ChecksumState s = before.files().get(i).state();
      if (s == ChecksumState.MISSING || s == ChecksumState.MISMATCH) {
        needed.add(FILES.get(i));
      }
    }
    long start = System.nanoTime();
    download(log, allowUnverified, needed);
    DataStatus after = status();
    requireVerified(after, allowUnverified, log);
    log.info(
        String.format(
            java.util.Locale.ROOT,
            "%s: fetched into %s in %.1f s",
            id,
            dir(),
            (System.nanoTime() - start) / 1e9));
  }

  @Override
  public Dataset open(RunContext context) {
    RunLog log = DataFiles.log(context);
    DataStatus status = status();
    if (status.files().stream().anyMatch(f -> f.state() == ChecksumState.MISSING)) {
      if (!options.autoFetch()) {
        throw new DataUnavailableException(missingMessage(status) + " (autoFetch is off)");
      }
      log.info(id + ": data missing in " + dir() + "; fetching it now");
      fetch(context, options.allowUnverified());
      status = status();
    }
    List<String> unverified = requireVerified(status, options.allowUnverified(), log);

    String refetch = "delete it and fetch it again with `./bsnn data fetch " + id + "`";
    IdxFile.Images train = IdxFile.readImages(locate(FILES.get(0)), refetch);
    byte[] trainLabels = IdxFile.readLabels(locate(FILES.get(1)), refetch);
    IdxFile.Images test = IdxFile.readImages(locate(FILES.get(2)), refetch);
    byte[] testLabels = IdxFile.readLabels(locate(FILES.get(3)), refetch);
    int classes = classNames().size();
    IdxFile.checkLabels(train, locate(FILES.get(1)), trainLabels, classes);
    IdxFile.checkLabels(test, locate(FILES.get(3)), testLabels, classes);
    if (train.rows() != test.rows() || train.columns() != test.columns()) {
      throw new DataUnavailableException(
          id
              + ": training images are "
              + train.rows()
              + "x"
              + train.columns()
              + " but test images are "
              + test.rows()
              + "x"
              + test.columns());
    }

    Normalization norm = normalization();
    ByteImages trainImages =
        new ByteImages.InMemory(train.pixels(), trainLabels, 1, train.rows(), train.columns())
            .normalize(norm)
            .augment(options.augmentation());
    ByteImages testImages =
        new ByteImages.InMemory(test.pixels(), testLabels, 1, test.rows(), test.columns())
            .normalize(norm);

    Map<String, String> checksums = fileChecksums(status);
    Map<String, Object> preprocessing = norm.describeFileOrder(options.augmentation());
    DatasetInfo info =
        new DatasetInfo(
            id, 1, train.rows(), train.columns(), classNames(), checksums, preprocessing);
    LoadedDataset dataset =
        LoadedDataset.of(
            info,
            trainImages,
            testImages,
            options.validation(),
            options.trainLimit(),
            options.testLimit());

    if (context != null) {
      Map<String, String> all = new TreeMap<>(checksums);
      all.putAll(sourceChecksums());
      context.provenance("checksums", all);
      context.provenance("dataDir", dir().toString());
      context.provenance("preprocessing", preprocessing);
      context.provenance("splits", dataset.splitSizes());
      if (!unverified.isEmpty()) {
        context.provenance("unverifiedFiles", unverified);
      }
    }
    log.info(id + ": " + dataset + " from " + dir());
    return dataset;
  }

  /**
   * File name to SHA-256 of the files of a status, sorted by name (the provenance entry
   * "checksums").
   */
  static Map<String, String> fileChecksums(DataStatus status) {
    Map<String, String> checksums = new TreeMap<>();
    for (FileStatus f : status.files()) {
      checksums.put(Path.of(f.path()).getFileName().toString(), f.sha256());
    }
    return checksums;
  }

  private String missingMessage(DataStatus status) {
    StringBuilder sb = new StringBuilder(id + ": data not found. Looked for:");
    for (FileStatus f : status.files()) {
      if (f.state() == ChecksumState.MISSING) {
        sb.append("\n  ").append(f.path()).append(" (or without .gz)");
      }
    }
    sb.append("\nTo get it: ").append(howToGet());
    return sb.toString();
  }

  /** Refuses missing or mismatching files unless allowed; returns the unverified paths accepted. */
  private List<String> requireVerified(DataStatus status, boolean allowUnverified, RunLog log) {
    List<String> bad = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < status.files().size(); i++) {
      FileStatus f = status.files().get(i);
      if (f.state() == ChecksumState.MISSING) {
        throw new DataUnavailableException(missingMessage(status));
      }
      if (f.state() == ChecksumState.MISMATCH) {
        bad.add(f.path());
        sb.append("\n  ")
            .append(f.path())
            .append(": SHA-256 ")
            .append(f.sha256())
            .append(", expected ")
            .append(KnownChecksums.describeExpected(id, FILES.get(i), Path.of(f.path())));
      }
    }
    if (bad.isEmpty()) {
      return bad;
    }
    if (!allowUnverified) {
      throw new DataUnavailableException(
          id
              + ": checksum mismatch, refusing to use the data:"
              + sb
              + "\nThe files are corrupt, truncated or a different version. Delete them and run `./bsnn data fetch "
              + id
              + "`, or accept them with --allow-unverified (config key allowUnverified: true).");
    }
    log.warn(id + ": using files whose checksum does not match (allowUnverified):" + sb);
    return bad;
  }
}
