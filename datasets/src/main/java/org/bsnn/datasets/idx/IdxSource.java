package org.bsnn.datasets.idx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.data.DataStatus;
import org.bsnn.api.data.DataStatus.ChecksumState;
import org.bsnn.api.data.DataStatus.FileStatus;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.DatasetSource;
import org.bsnn.datasets.ByteImages;
import org.bsnn.datasets.CacheLocation;
import org.bsnn.datasets.ClassLabels;
import org.bsnn.datasets.DataFiles;
import org.bsnn.datasets.LoadedDataset;
import org.bsnn.datasets.Normalization;
import org.bsnn.datasets.Sha256;

/**
 * Any IDX image/label files given by path, so a user can bring a dataset in the MNIST layout
 * without code: any image size, any class count (up to 256, labels are bytes), grey images. Files
 * are checked like the built-in sets (magic numbers, lengths, label counts and ranges);
 * normalization statistics are computed from the training split unless configured; SHA-256
 * checksums are verified for the files listed in {@code checksums} and recorded for all.
 */
public final class IdxSource implements DatasetSource {

  /** The plugin id. */
  public static final String ID = "idx";

  private final IdxConfig config;

  /** Creates the source; touches no file. */
  public IdxSource(IdxConfig config) {
    this.config = config;
  }

  private List<String> keys() {
    return List.of("trainImages", "trainLabels", "testImages", "testLabels");
  }

  private List<String> values() {
    return List.of(
        config.trainImages(), config.trainLabels(), config.testImages(), config.testLabels());
  }

  private String howToGet() {
    return "set the keys trainImages, trainLabels, testImages and testLabels of the dataset plugin 'idx' to your "
        + "IDX files (raw or .gz; relative paths are resolved against "
        + CacheLocation.repoRoot()
        + ")";
  }

  @Override
  public DataStatus status() {
    List<FileStatus> files = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String v = values().get(i);
      if (v.isBlank()) {
        files.add(new FileStatus("(" + keys().get(i) + " not set)", "", ChecksumState.MISSING));
        continue;
      }
      Path p = CacheLocation.resolve(v);
      if (!java.nio.file.Files.isRegularFile(p)) {
        files.add(new FileStatus(p.toString(), "", ChecksumState.MISSING));
        continue;
      }
      String actual = Sha256.ofFile(p);
      String expected = config.checksums().get(p.getFileName().toString());
      ChecksumState state =
          expected == null
              ? ChecksumState.NOT_RECORDED
              : expected.equalsIgnoreCase(actual) ? ChecksumState.VERIFIED : ChecksumState.MISMATCH;
      files.add(new FileStatus(p.toString(), actual, state));
    }
    return new DataStatus(config.name(), files, howToGet());
  }

  @Override
  public Dataset open(RunContext context) {
    DataStatus status = status();
    List<String> unverified = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      FileStatus f = status.files().get(i);
      if (f.state() == ChecksumState.MISSING) {
        throw new DataUnavailableException(
            config.name()
                + ": "
                + keys().get(i)
                + " "
                + (values().get(i).isBlank()
                    ? "is not set"
                    : java.nio.file.Files.isDirectory(Path.of(f.path()))
                        ? "is a directory, expected a file: " + f.path()
                        : "not found: " + f.path())
                + "; "
                + howToGet());
      }
      if (f.state() == ChecksumState.MISMATCH) {
        String msg =
            f.path()
                + ": SHA-256 "
                + f.sha256()
                + ", expected "
                + config.checksums().get(Path.of(f.path()).getFileName().toString());
        if (!config.allowUnverified()) {
          throw new DataUnavailableException(
              config.name()
                  + ": checksum mismatch, refusing to use the data: "
                  + msg
                  + ". Check the file, fix the checksums key, or accept it with --allow-unverified "
                  + "(config key allowUnverified: true).");
        }
        DataFiles.log(context)
            .warn(config.name() + ": using a file whose checksum does not match: " + msg);
        unverified.add(f.path());
      }
    }
    Path[] p = new Path[4];
    for (int i = 0; i < 4; i++) {
      p[i] = Path.of(status.files().get(i).path());
    }
    IdxFile.Images train = IdxFile.readImages(p[0]);
    byte[] trainLabels = IdxFile.readLabels(p[1]);
    IdxFile.Images test = IdxFile.readImages(p[2]);
    byte[] testLabels = IdxFile.readLabels(p[3]);
    int classes = config.classes() > 0 ? config.classes() : config.classNames().size();
    if (classes == 0) {
      classes =
          ClassLabels.infer(
              config.name(),
              IdxFile.labelFile(p[1], trainLabels),
              IdxFile.labelFile(p[3], testLabels));
    }
    if (classes < 2) {
      throw new DataUnavailableException(
          config.name()
              + ": the labels in "
              + p[1]
              + " and "
              + p[3]
              + " name only "
              + classes
              + " class; a classification dataset needs at least 2");
    }
    IdxFile.checkLabels(train, p[1], trainLabels, classes);
    IdxFile.checkLabels(test, p[3], testLabels, classes);
    if (train.rows() != test.rows() || train.columns() != test.columns()) {
      throw new DataUnavailableException(
          config.name()
              + ": training images in "
              + p[0]
              + " are "
              + train.rows()
              + "x"
              + train.columns()
              + " but test images in "
              + p[2]
              + " are "
              + test.rows()
              + "x"
              + test.columns());
    }
    if (config.validation() >= train.count()) {
      throw new DataUnavailableException(
          config.name()
              + ": validation = "
              + config.validation()
              + " leaves no training image ("
              + p[0]
              + " has "
              + train.count()
              + ")");
    }
    List<String> names = config.classNames();
    if (names.isEmpty()) {
      names = new ArrayList<>();
      for (int c = 0; c < classes; c++) {
        names.add(Integer.toString(c));
      }
    } else if (names.size() != classes) {
      throw new DataUnavailableException(
          config.name()
              + ": classNames has "
              + names.size()
              + " names but the labels need "
              + classes
              + " classes");
    }

    ByteImages trainImages =
        new ByteImages.InMemory(train.pixels(), trainLabels, 1, train.rows(), train.columns());
    Normalization norm;
    if (config.mean().isEmpty()) {
      int n = train.count() - config.validation();
      norm =
          Normalization.fromSums(
              trainImages.channelSums(0, n),
              "computed from the " + n + " training images of " + p[0]);
    } else {
      norm = Normalization.configured(config.mean(), config.std(), 1, null, "config keys mean/std");
    }
    trainImages.normalize(norm).augment(config.augmentation());
    ByteImages testImages =
        new ByteImages.InMemory(test.pixels(), testLabels, 1, test.rows(), test.columns())
            .normalize(norm);

    Map<String, String> checksums = CachedIdxSource.fileChecksums(status);
    Map<String, Object> preprocessing = norm.describeFileOrder(config.augmentation());
    DatasetInfo info =
        new DatasetInfo(
            config.name(), 1, train.rows(), train.columns(), names, checksums, preprocessing);
    LoadedDataset dataset =
        LoadedDataset.of(
            info,
            trainImages,
            testImages,
            config.validation(),
            config.trainLimit(),
            config.testLimit());
    if (context != null) {
      context.provenance("checksums", checksums);
      Map<String, String> files = new LinkedHashMap<>();
      for (int i = 0; i < 4; i++) {
        files.put(keys().get(i), p[i].toString());
      }
      context.provenance("files", files);
      context.provenance("preprocessing", preprocessing);
      context.provenance("splits", dataset.splitSizes());
      if (!unverified.isEmpty()) {
        context.provenance("unverifiedFiles", unverified);
      }
    }
    return dataset;
  }
}
