package org.bsnn.datasets.imagenet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bsnn.api.data.DataUnavailableException;

/**
 * The image files of one split folder ({@code <split>/<class>/<image>}), in the order this source
 * defines: classes interleaved round-robin (image 0 of every class, then image 1 of every class,
 * ...), each class's images sorted by file name. Only names are held (no pixels), so even
 * ImageNet's 1.28 million files take tens of megabytes.
 */
final class ImageNetFolderIndex {

  /** Extensions read (case-insensitive). */
  static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

  final Path root;
  final String[] classDirs;
  final int[] classOf;
  final String[] names;
  final String fingerprint;

  private ImageNetFolderIndex(
      Path root, String[] classDirs, int[] classOf, String[] names, String fingerprint) {
    this.root = root;
    this.classDirs = classDirs;
    this.classOf = classOf;
    this.names = names;
    this.fingerprint = fingerprint;
  }

  int size() {
    return names.length;
  }

  Path file(int i) {
    return root.resolve(classDirs[classOf[i]]).resolve(names[i]);
  }

  /** Sorted names of the class sub-folders of {@code dir}. */
  static List<String> classFolders(Path dir) {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (!n.startsWith(".")) {
          out.add(n);
        }
      }
    } catch (IOException e) {
      throw new DataUnavailableException(
          "cannot list " + dir + ": " + org.bsnn.api.util.IoErrors.describe(e), e);
    }
    out.sort(null);
    return out;
  }

  /**
   * Lists {@code dir}, whose class folders must be among {@code classes} (index = position).
   *
   * @param what "training" or "test", for messages
   */
  static ImageNetFolderIndex list(Path dir, List<String> classes, String what) {
    Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      index.put(classes.get(i), i);
    }
    List<String> present = classFolders(dir);
    List<List<String>> perClass = new ArrayList<>();
    for (int i = 0; i < classes.size(); i++) {
      perClass.add(List.of());
    }
    for (String c : present) {
      Integer k = index.get(c);
      if (k == null) {
        throw new DataUnavailableException(
            dir.resolve(c)
                + ": class folder '"
                + c
                + "' of the "
                + what
                + " split is not a class of the training "
                + "split (its sorted folder names define the classes)");
      }
      List<String> files = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve(c))) {
        for (Path p : ds) {
          String n = p.getFileName().toString();
          String lower = n.toLowerCase(Locale.ROOT);
          if (!n.startsWith(".")
              && EXTENSIONS.stream().anyMatch(lower::endsWith)
              && Files.isRegularFile(p)) {
            files.add(n);
          }
        }
      } catch (IOException e) {
        throw new DataUnavailableException(
            "cannot list " + dir.resolve(c) + ": " + org.bsnn.api.util.IoErrors.describe(e), e);
      }
      files.sort(null);
      perClass.set(k, files);
    }
    int total = perClass.stream().mapToInt(List::size).sum();
    if (total == 0) {
      throw new DataUnavailableException(
          dir
              + ": no images ("
              + String.join(", ", EXTENSIONS)
              + ") in class folders of the "
              + what
              + " split");
    }
    String[] classDirs = classes.toArray(new String[0]);
    int[] classOf = new int[total];
    String[] names = new String[total];
    MessageDigest md = sha256();
    int longest = perClass.stream().mapToInt(List::size).max().orElse(0);
    int n = 0;
    for (int r = 0; r < longest; r++) {
      for (int k = 0; k < classes.size(); k++) {
        List<String> files = perClass.get(k);
        if (r < files.size()) {
          classOf[n] = k;
          names[n] = files.get(r);
          md.update((classDirs[k] + "/" + names[n] + "\n").getBytes(StandardCharsets.UTF_8));
          n++;
        }
      }
    }
    return new ImageNetFolderIndex(
        dir, classDirs, classOf, names, HexFormat.of().formatHex(md.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
