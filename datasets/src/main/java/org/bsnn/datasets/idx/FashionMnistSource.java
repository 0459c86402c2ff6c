package org.bsnn.datasets.idx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bsnn.api.data.DataStatus.ChecksumState;
import org.bsnn.api.data.DataStatus.FileStatus;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.run.RunLog;
import org.bsnn.datasets.DataFiles;
import org.bsnn.datasets.KnownChecksums;
import org.bsnn.datasets.Normalization;
import org.bsnn.datasets.fetch.DebianPackage;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, arXiv:1708.07747): 60,000 training and 10,000 test
 * grey 28×28 images of 10 clothing classes, in the IDX files of the original release.
 *
 * <p>Fetching, without root: the files of an installed Debian package {@code dataset-fashion-mnist}
 * ({@value #SYSTEM_DIR}) are copied into the cache; otherwise {@code apt-get download
 * dataset-fashion-mnist} and {@code dpkg-deb -x} run in a temporary folder of the cache and the
 * four {@code .gz} files are copied out. Files are verified against the SHA-256 values in {@code
 * checksums.properties} before they are installed and on every open.
 *
 * <p>Normalization uses the statistics of the full training set (mean 0.2860, std 0.3530 of the [0,
 * 1]-scaled pixels, computed from the 60,000 training images), whatever slice is used.
 */
public final class FashionMnistSource extends CachedIdxSource {

  /** The plugin id. */
  public static final String ID = "fashion-mnist";

  /** The Debian package. */
  public static final String PACKAGE = "dataset-fashion-mnist";

  /** Where the Debian package installs its files. */
  public static final String SYSTEM_DIR = "/usr/share/datasets/fashion-mnist";

  /** Class names in label order, from the dataset's README. */
  public static final List<String> CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /** Mean of the [0, 1]-scaled training pixels. */
  public static final double MEAN = 0.2860;

  /** Standard deviation of the [0, 1]-scaled training pixels. */
  public static final double STD = 0.3530;

  private final FashionMnistConfig config;

  /** Creates the source; touches no file. */
  public FashionMnistSource(FashionMnistConfig config) {
    super(ID, config.options());
    this.config = config;
  }

  @Override
  public String howToGet() {
    return "run `./bsnn data fetch "
        + ID
        + "` (copies "
        + SYSTEM_DIR
        + "/*.gz when the Debian package "
        + PACKAGE
        + " is installed, else runs `apt-get download "
        + PACKAGE
        + "` and `dpkg-deb -x`, no root needed; "
        + "if apt-get cannot find the package, run `apt-get update` as root first). Offline: download "
        + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and "
        + "t10k-labels-idx1-ubyte.gz from https://github.com/zalandoresearch/fashion-mnist and put them in "
        + dir();
  }

  @Override
  protected boolean gzipNames() {
    return true;
  }

  @Override
  protected List<String> classNames() {
    return CLASSES;
  }

  @Override
  protected Normalization normalization() {
    return Normalization.uniform(1, MEAN, STD, "Fashion-MNIST training set, all 60,000 images");
  }

  @Override
  protected void download(RunLog log, boolean allowUnverified, Set<String> needed) {
    Path tmp = null;
    try {
      Path from = null;
      if (!config.systemDir().isBlank() && verifiedIn(Path.of(config.systemDir()), needed)) {
        from = Path.of(config.systemDir());
        log.info(ID + ": copying the files of the installed package " + PACKAGE + " from " + from);
      } else {
        tmp = DataFiles.tempDir(dir());
        Path root =
            DebianPackage.downloadAndExtract(PACKAGE, tmp, log, "Alternatively: " + offlineHint());
        from = root.resolve(SYSTEM_DIR.substring(1));
      }
      for (String logical : needed) {
        Path src = find(from, logical);
        if (src == null) {
          throw new DataUnavailableException(
              ID
                  + ": "
                  + from
                  + " has no "
                  + logical
                  + ".gz (nor "
                  + logical
                  + "); the package layout changed? "
                  + offlineHint());
        }
        FileStatus st = KnownChecksums.check(ID, logical, src);
        if (st.state() == ChecksumState.MISMATCH && !allowUnverified) {
          throw new DataUnavailableException(
              ID
                  + ": checksum mismatch for the fetched "
                  + src
                  + ": SHA-256 "
                  + st.sha256()
                  + ", expected "
                  + KnownChecksums.describeExpected(ID, logical, src)
                  + "; refusing to install it. Retry, or accept it with --allow-unverified.");
        }
        Path previous = locate(logical);
        Path target = dir().resolve(src.getFileName());
        DataFiles.installCopy(src, target);
        if (!previous.equals(target)) {
          Files.deleteIfExists(previous);
        }
      }
    } catch (java.io.IOException e) {
      throw new DataUnavailableException(
          ID
              + ": cannot install files into "
              + dir()
              + ": "
              + org.bsnn.api.util.IoErrors.describe(e),
          e);
    } finally {
      DataFiles.deleteQuietly(tmp);
    }
  }

  private String offlineHint() {
    return "download the four .gz files from https://github.com/zalandoresearch/fashion-mnist into "
        + dir();
  }

  private static boolean verifiedIn(Path folder, Set<String> needed) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    for (String logical : needed) {
      Path f = find(folder, logical);
      if (f == null || KnownChecksums.check(ID, logical, f).state() != ChecksumState.VERIFIED) {
        return false;
      }
    }
    return true;
  }

  private static Path find(Path folder, String logical) {
    Path gz = folder.resolve(logical + ".gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path raw = folder.resolve(logical);
    return Files.isRegularFile(raw) ? raw : null;
  }
}
